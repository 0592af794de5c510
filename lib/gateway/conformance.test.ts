import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { OPERATIONS } from "@/lib/schemas/grant";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { updateTool } from "@/lib/services/tools/update-tool";
import {
  credentialProxy,
  runServerScenarios,
  startReferenceServer,
  type ScenarioResult,
} from "@/lib/testing/conformance-suite";
import { stopped, until } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedLiveServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
// What the suite's client declares: its sampling and elicitation scenarios need the tools that use them.
const SUITE_CLIENT = { sampling: {}, elicitation: { form: {}, url: {} } };

/** The reference server's tools as a client like the suite's sees them. */
async function referenceTools(url: string) {
  const client = new Client({ name: "inventory", version: "1.0.0" }, { capabilities: SUITE_CLIENT });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  const { tools } = await client.listTools();
  await transport.terminateSession();
  await client.close();
  return tools;
}

const summary = (results: ScenarioResult[]) =>
  `${results.filter((r) => r.passed).length}/${results.length} scenarios pass`;

/**
 * The official MCP conformance suite's server scenarios, run twice: directly against its reference server,
 * then through the Warden gateway (an agent granted every tool of that server). Every scenario that passes
 * directly must pass through the gateway: the gateway is transparent to a conforming server.
 */
describeWithDatabase("MCP conformance suite through the gateway", () => {
  const warden = wardenApi(0);
  let reference: { url: string; child: ChildProcess };
  let gw: RunningGateway;
  let proxy: { url: string; server: Server };

  beforeAll(async () => {
    reference = await startReferenceServer();
    await warden.start();
    const team = await seedTeam();
    const slug = `conformance-${team.slug}`;
    const tools = await referenceTools(reference.url);
    const server = await seedLiveServer(
      {
        slug,
        name: "MCP conformance reference server",
        transport: "STREAMABLE_HTTP",
        endpoint: reference.url,
        ownerTeamId: team.id,
      },
      tools as never,
    );
    for (const t of await db().tool.findMany({ where: { serverId: server.id } }))
      await updateTool(sys, t.id, { requiresApproval: false, riskOverride: "LOW", reason: "the suite drives it" });
    const agent = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: server.id,
      allowedTools: tools.map((t) => t.name),
      allowedResources: ["*"],
      allowedPrompts: ["*"],
      allowedOperations: [...OPERATIONS],
    });
    const token = await createToken(sys, {
      name: `cf-${team.slug}`,
      scopes: ["bundle", "decide", "ingest"],
      expiresInDays: 1,
    });
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: token.token },
        listen: "127.0.0.1:0",
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-conformance-spool-")),
        ship_interval_ms: 100,
        upstreams: { [slug]: { url: reference.url } },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
    proxy = await credentialProxy(`${gw.url}/mcp/${slug}`, (await issueAgentCredential(sys, agent.id)).secret);
  }, 60_000);

  afterAll(async () => {
    proxy?.server.close();
    await gw?.close();
    await warden.stop();
    if (reference) await stopped(reference.child);
  });

  it("passes through the gateway every server scenario that passes directly", async () => {
    const direct = await runServerScenarios(reference.url);
    const gateway = await runServerScenarios(proxy.url);
    console.log(`conformance: direct ${summary(direct)}; through the gateway ${summary(gateway)}`);
    expect(direct.length).toBeGreaterThanOrEqual(30);
    const throughGateway = new Map(gateway.map((r) => [r.scenario, r]));
    const regressions = direct
      .filter((r) => r.passed && !throughGateway.get(r.scenario)?.passed)
      .map((r) => ({ scenario: r.scenario, failures: throughGateway.get(r.scenario)?.failures ?? ["not run"] }));
    expect(regressions).toEqual([]);
  }, 90_000);
});
