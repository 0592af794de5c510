import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { updateTool } from "@/lib/services/tools/update-tool";
import { until } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";
import { decodeHeaderValue, HEADER_MISMATCH } from "./standard-headers";

const sys = systemActor("test");
const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];
const base64 = (v: string) => `=?base64?${Buffer.from(v, "utf8").toString("base64")}?=`;

it("decodes =?base64?…?= header values as UTF-8 (SEP-2243 Value Encoding), and refuses a broken one", () => {
  expect(decodeHeaderValue("echo")).toBe("echo");
  expect(decodeHeaderValue(base64("Hello, 世界"))).toBe("Hello, 世界");
  expect(decodeHeaderValue("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=")).toBe("=?base64?literal?=");
  expect(decodeHeaderValue("=?base64?not base64!?=")).toBeUndefined();
  expect(decodeHeaderValue(`=?base64?${Buffer.from([0xff, 0xfe]).toString("base64")}?=`)).toBeUndefined();
});

/**
 * Mcp-Method and Mcp-Name (MCP 2026-07-28, SEP-2243) sent to a real gateway as raw HTTP: headers that match the
 * body are served, a mismatch is refused with 400 and HeaderMismatch (-32020) and recorded as a denial, and a
 * 2025-11-25 request without them is served as before.
 */
describeWithDatabase("Gateway standard headers (Mcp-Method, Mcp-Name)", () => {
  const warden = wardenApi(0);
  let gw: RunningGateway;
  let w: { slug: string; key: string; agent: string };
  let session = "";
  let ids = 0;

  const post = async (message: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gw.url}/mcp/${w.slug}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${w.key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(session ? { "mcp-session-id": session, "mcp-protocol-version": LATEST_PROTOCOL_VERSION } : {}),
        ...headers,
      },
      body: JSON.stringify(message),
    });
    session ||= res.headers.get("mcp-session-id") ?? "";
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as {
        result?: { content?: { text: string }[] };
        error?: { code: number; message: string; data?: { header?: string } };
      },
    };
  };
  const echo = (name = "echo") => ({
    jsonrpc: "2.0",
    id: ++ids,
    method: "tools/call",
    params: { name, arguments: { message: "hi" } },
  });

  beforeAll(async () => {
    await warden.start();
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", { slug: `every-${team.slug}`, ownerTeamId: team.id });
    const tool = await db().tool.findFirstOrThrow({ where: { serverId: everything.id, name: "echo" } });
    await updateTool(sys, tool.id, { requiresApproval: false, riskOverride: "LOW", reason: "the test drives it" });
    const agent = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: everything.id,
      allowedTools: ["echo"],
      allowedOperations: ["read", "write"],
    });
    const token = await createToken(sys, { name: `hdr-${team.slug}`, scopes: ["bundle", "ingest"], expiresInDays: 1 });
    w = { slug: everything.slug, key: (await issueAgentCredential(sys, agent.id)).secret, agent: agent.clientId };
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: token.token },
        listen: "127.0.0.1:0",
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-headers-spool-")),
        ship_interval_ms: 100,
        response_mode: "json",
        upstreams: { [w.slug]: { command: "node", args: EVERYTHING } },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
    const init = await post(
      {
        jsonrpc: "2.0",
        id: ++ids,
        method: "initialize",
        params: {
          protocolVersion: LATEST_PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: { name: "raw", version: "1" },
        },
      },
      { "mcp-method": "initialize" },
    );
    expect(init.status).toBe(200);
    expect(session).not.toBe("");
    expect(
      (
        await post(
          { jsonrpc: "2.0", method: "notifications/initialized" },
          { "mcp-method": "notifications/initialized" },
        )
      ).status,
    ).toBe(202);
  }, 90_000);

  afterAll(async () => {
    await gw?.close();
    await warden.stop();
  });

  it("serves a call whose headers match its body, and one without them", async () => {
    const matched = await post(echo(), { "Mcp-Method": "tools/call", "Mcp-Name": "echo" });
    expect(matched.status).toBe(200);
    expect(matched.body.result?.content?.[0].text).toContain("hi");
    expect((await post(echo(), { "mcp-name": base64("echo") })).body.result?.content?.[0].text).toContain("hi");
    const without = await post(echo());
    expect(without.status).toBe(200);
    expect(without.body.result?.content?.[0].text).toContain("hi");
  });

  it("refuses a header that does not match the body with 400 and -32020, naming the header, and records it", async () => {
    const cases: [Record<string, string>, unknown, string][] = [
      [{ "Mcp-Method": "tools/call", "Mcp-Name": "get-env" }, echo(), "Mcp-Name"],
      [{ "Mcp-Method": "Tools/Call" }, echo(), "Mcp-Method"],
      [{ "Mcp-Method": "tools/list" }, echo(), "Mcp-Method"],
      [{ "Mcp-Name": base64("échō") }, echo(), "Mcp-Name"],
      [{ "Mcp-Name": "=?base64?%%%?=" }, echo(), "Mcp-Name"],
      [{ "Mcp-Method": "tools/call" }, [echo(), echo()], "Mcp-Method"],
      [{ "Mcp-Method": "tools/call" }, { jsonrpc: "2.0", id: 99, result: {} }, "Mcp-Method"],
    ];
    for (const [headers, body, header] of cases) {
      const refused = await post(body, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(400);
      expect(refused.body.error?.code).toBe(HEADER_MISMATCH);
      expect(refused.body.error?.data?.header).toBe(header);
      expect(refused.body.error?.message).toContain(header);
    }
    // Nothing refused reached the upstream; the session still serves.
    expect((await post(echo())).body.result?.content?.[0].text).toContain("hi");
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/warden_gateway_decisions_total\{[^}]*outcome="deny"[^}]*rule="header_mismatch"[^}]*\} 7/);
    const rows = await until(async () => {
      await gw.core.shipper.flush();
      const found = await db().auditEvent.findMany({ where: { server: w.slug, outcome: "deny" } });
      const mismatched = found.filter((r) => JSON.stringify(r.attributes).includes("header_mismatch"));
      return mismatched.length >= cases.length ? mismatched : undefined;
    }, 10_000);
    expect(rows.value.every((r) => r.agent === w.agent && r.sessionId === session)).toBe(true);
    expect(rows.value.find((r) => JSON.stringify(r.attributes).includes("get-env"))).toMatchObject({
      action: "tools/call",
      tool: "echo",
    });
  });
});
