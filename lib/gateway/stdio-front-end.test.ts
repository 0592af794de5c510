import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CreateMessageRequestSchema, ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { updateTool } from "@/lib/services/tools/update-tool";
import { textOf, until } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";

const sys = systemActor("test");
const EVERYTHING = [path.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "stdio"];
const CAPABILITIES = { sampling: {}, roots: { listChanged: true } };

/** A client with sampling and roots, its handlers set before it initializes. */
function samplingClient(asked: string[]) {
  const client = new Client({ name: "stdio-agent", version: "1.0.0" }, { capabilities: CAPABILITIES });
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
    asked.push(`sampling:${req.params.maxTokens}`);
    return { model: "test-model", role: "assistant", content: { type: "text", text: "sampled over stdio" } };
  });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [] }));
  return client;
}

/**
 * The gateway's stdio front end (`npm run gateway -- --stdio <slug>`), spawned by the SDK's stdio client in
 * front of server-everything: one agent session with its own upstream session, opened with the capabilities
 * the agent declared, so the server's sampling request reaches the agent; the server's own serverInfo and
 * instructions reach it as they are.
 */
describeWithDatabase("Gateway stdio front end (one agent session, its own upstream session)", () => {
  const warden = wardenApi(0);
  let configFile: string;
  let env: Record<string, string>;
  let direct: { serverInfo: unknown; instructions: string | undefined };

  beforeAll(async () => {
    const probe = samplingClient([]);
    await probe.connect(new StdioClientTransport({ command: "node", args: EVERYTHING }));
    const tools = (await probe.listTools()).tools;
    direct = { serverInfo: probe.getServerVersion(), instructions: probe.getInstructions() };
    await probe.close();
    await warden.start();
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `every-${team.slug}`,
      ownerTeamId: team.id,
      tools: tools as never,
    });
    const sampling = await db().tool.findFirstOrThrow({
      where: { serverId: everything.id, name: "trigger-sampling-request" },
    });
    await updateTool(sys, sampling.id, { requiresApproval: false, riskOverride: "LOW", reason: "the test drives it" });
    const agent = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: everything.id,
      allowedTools: ["echo", "trigger-sampling-request"],
      allowedOperations: ["read", "write"],
    });
    const token = await createToken(sys, {
      name: `stdio-${team.slug}`,
      scopes: ["bundle", "ingest"],
      expiresInDays: 1,
    });
    const dir = mkdtempSync(path.join(tmpdir(), "warden-stdio-gw-"));
    configFile = path.join(dir, "gateway.yaml");
    writeFileSync(
      configFile,
      stringify({
        warden: { url: warden.url },
        spool_dir: path.join(dir, "spool"),
        ship_interval_ms: 100,
        upstreams: { [everything.slug]: { command: "node", args: EVERYTHING } },
      }),
    );
    env = {
      ...(process.env as Record<string, string>),
      WARDEN_GATEWAY_TOKEN: token.token,
      WARDEN_AGENT_CREDENTIAL: (await issueAgentCredential(sys, agent.id)).secret,
      SLUG: everything.slug,
    };
  }, 120_000);

  afterAll(async () => {
    await warden.stop();
  });

  it("serves one agent session over stdio with its own upstream session: sampling reaches the agent", async () => {
    const asked: string[] = [];
    const client = samplingClient(asked);
    await client.connect(
      new StdioClientTransport({
        command: path.resolve("node_modules/.bin/tsx"),
        args: ["scripts/gateway.ts", "--config", configFile, "--stdio", env.SLUG],
        env,
        stderr: "ignore",
      }),
    );
    try {
      expect(client.getServerVersion()).toEqual(direct.serverInfo);
      expect(client.getInstructions()).toBe(direct.instructions);
      // The upstream lists its sampling tool only to a client that declared sampling: this agent did.
      const names = await until(async () => {
        const listed = (await client.listTools()).tools.map((t) => t.name);
        return listed.includes("trigger-sampling-request") ? listed : undefined;
      }, 15_000);
      expect(names.value.sort()).toEqual(["echo", "trigger-sampling-request"]);
      const sampled = await client.callTool({
        name: "trigger-sampling-request",
        arguments: { prompt: "over stdio", maxTokens: 5 },
      });
      expect(textOf(sampled).join("")).toContain("sampled over stdio");
      expect(asked).toEqual(["sampling:5"]);
    } finally {
      await client.close();
    }
  }, 120_000);
});
