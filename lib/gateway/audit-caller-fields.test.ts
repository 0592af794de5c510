import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { connectAgent, rejection, until } from "@/lib/testing/gateway-clients";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { callerFields, type GatewayEvent } from "./audit-event";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];
const DOCS = "demo://resource/static/document/";
const USER = "dana@example.com";

/** Every kind of audit event the gateway writes for an agent's requests names the caller the same way. */
describeWithDatabase("Gateway audit: every event names its agent, user and how the user is known", () => {
  const warden = wardenApi(0);
  let gw: RunningGateway;
  let slug: string;
  let clientId: string;
  let key: string;
  let spool: string;

  beforeAll(async () => {
    await warden.start();
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", { slug: `who-${team.slug}`, ownerTeamId: team.id });
    const agent = await seedAgent({ teamId: team.id, assertsUsers: true });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: everything.id,
      allowedTools: ["echo"],
      allowedOperations: ["read"],
      allowedResources: [`${DOCS}features.md`],
      allowedPrompts: ["simple-prompt"],
    });
    const token = await createToken(sys, {
      name: `who-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    slug = everything.slug;
    clientId = agent.clientId;
    key = (await issueAgentCredential(sys, agent.id)).secret;
    spool = mkdtempSync(path.join(tmpdir(), "warden-who-spool-"));
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: token.token },
        listen: "127.0.0.1:0",
        spool_dir: spool,
        // Nothing ships during the test: its events stay in the spool, as the gateway wrote them.
        ship_interval_ms: 60_000,
        upstreams: { [slug]: { command: "node", args: EVERYTHING } },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
  }, 120_000);

  afterAll(async () => {
    await gw?.close();
    await warden.stop();
  });

  it("records the same caller fields on calls, refusals, malformed calls, reads and refused reads", async () => {
    const { client, close } = await connectAgent(`${gw.url}/mcp/${slug}`, key, USER);
    await client.callTool({ name: "echo", arguments: { message: "hi" } });
    await rejection(client.callTool({ name: "get-sum", arguments: { a: 1, b: 2 } }));
    await rejection(client.request({ method: "tools/call", params: { name: 7 } } as never, ResultSchema));
    await client.readResource({ uri: `${DOCS}features.md` });
    await rejection(client.readResource({ uri: `${DOCS}architecture.md` }));
    await rejection(client.getPrompt({ name: "args-prompt", arguments: { city: "Oslo" } }));
    await close();

    const kinds = [
      "tools/call:success",
      "tools/call:deny:no_grant",
      "tools/call:deny:invalid_request",
      "resources/read:success",
      "resources/read:deny:resource_not_granted",
      "prompts/get:deny:prompt_not_granted",
    ];
    // Read as the gateway wrote them, before shipping: Warden's ingest would take a missing userSource of a
    // named user as "asserted", hiding a verified user's source.
    const events = readdirSync(spool)
      .filter((f) => f.endsWith(".ndjson"))
      .flatMap((f) => readFileSync(path.join(spool, f), "utf8").split("\n").filter(Boolean))
      .map((l) => JSON.parse(l) as { k: string; e: GatewayEvent })
      .filter((l) => l.k === "done" && l.e.agent === clientId)
      .map((l) => l.e);
    const kindOf = (e: GatewayEvent) =>
      [e.method, e.outcome, ...(e.outcome === "deny" ? [(e.attributes as { rule?: string }).rule] : [])].join(":");
    expect(events.map(kindOf).sort()).toEqual([...kinds].sort());
    const sessionId = events[0].sessionId;
    expect(sessionId).toBeTruthy();
    for (const e of events)
      expect({ kind: kindOf(e), ...callerFields(e) }).toEqual({
        kind: kindOf(e),
        agent: clientId,
        onBehalfOf: USER,
        userSource: "asserted",
        sessionId,
      });
  }, 60_000);
});
