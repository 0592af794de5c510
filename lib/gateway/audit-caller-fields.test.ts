import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CreateMessageRequestSchema, ResultSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { updateTool } from "@/lib/services/tools/update-tool";
import { everythingGateway } from "@/lib/testing/everything-gateway";
import { connectAgent, rejection } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedEverythingAgent } from "@/prisma/seed/gateway-fixture";
import { wardenApi } from "@/scripts/lib/warden-api";
import { callerFields, type GatewayEvent } from "./audit-event";

const DOCS = "demo://resource/static/document/";
const USER = "dana@example.com";
const SAMPLING = "trigger-sampling-request";

/** server-everything's tools as a client that can sample sees them (trigger-sampling-request among them). */
async function samplingTools(): Promise<Tool[]> {
  const client = new Client({ name: "inventory", version: "1.0.0" }, { capabilities: { sampling: {} } });
  await client.connect(
    new StdioClientTransport({
      command: "node",
      args: ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"],
    }),
  );
  const { tools } = await client.listTools();
  await client.close();
  return tools;
}

/** Every kind of audit event the gateway writes for an agent's requests names the caller the same way. */
describeWithDatabase("Gateway audit: every event names its agent, user and how the user is known", () => {
  const warden = wardenApi(0);
  let w: Awaited<ReturnType<typeof everythingGateway>> & Awaited<ReturnType<typeof seedEverythingAgent>>;

  beforeAll(async () => {
    await warden.start();
    const seeded = await seedEverythingAgent(
      {
        allowedTools: ["echo", SAMPLING],
        allowedOperations: ["read", "write"],
        allowedResources: [`${DOCS}features.md`],
        allowedPrompts: ["simple-prompt"],
      },
      { assertsUsers: true, tools: (await samplingTools()) as never },
    );
    const sampling = await db().tool.findFirstOrThrow({ where: { serverId: seeded.serverId, name: SAMPLING } });
    await updateTool(systemActor("test"), sampling.id, {
      requiresApproval: false,
      riskOverride: "LOW",
      reason: "the test drives it",
    });
    // Nothing ships during the test: its events stay in the spool, as the gateway wrote them.
    w = { ...seeded, ...(await everythingGateway(warden.url, seeded, 60_000)) };
  }, 120_000);

  afterAll(async () => {
    await w?.gw.close();
    await warden.stop();
  });

  it("records the same caller fields on calls, refusals, malformed calls, reads, refused reads and sampling", async () => {
    const { client, close } = await connectAgent(w.url, w.key, USER, {
      capabilities: { sampling: {} },
      handlers: (c) =>
        c.setRequestHandler(CreateMessageRequestSchema, async () => ({
          model: "test-model",
          role: "assistant",
          content: { type: "text", text: "sampled" },
        })),
    });
    await client.callTool({ name: "echo", arguments: { message: "hi" } });
    await rejection(client.callTool({ name: "get-sum", arguments: { a: 1, b: 2 } }));
    await rejection(client.request({ method: "tools/call", params: { name: 7 } } as never, ResultSchema));
    await client.readResource({ uri: `${DOCS}features.md` });
    await client.callTool({ name: SAMPLING, arguments: { prompt: "hello", maxTokens: 5 } });
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
      "tools/call:success",
      "sampling/createMessage:success",
    ];
    // Read as the gateway wrote them, before shipping: Warden's ingest would take a missing userSource of a
    // named user as "asserted", hiding a verified user's source.
    const events = readdirSync(w.spool)
      .filter((f) => f.endsWith(".ndjson"))
      .flatMap((f) => readFileSync(path.join(w.spool, f), "utf8").split("\n").filter(Boolean))
      .map((l) => JSON.parse(l) as { k: string; e: GatewayEvent })
      .filter((l) => l.k === "done" && l.e.agent === w.clientId)
      .map((l) => l.e);
    const kindOf = (e: GatewayEvent) =>
      [e.method, e.outcome, ...(e.outcome === "deny" ? [(e.attributes as { rule?: string }).rule] : [])].join(":");
    expect(events.map(kindOf).sort()).toEqual([...kinds].sort());
    const sessionId = events[0].sessionId;
    expect(sessionId).toBeTruthy();
    for (const e of events)
      expect({ kind: kindOf(e), ...callerFields(e) }).toEqual({
        kind: kindOf(e),
        agent: w.clientId,
        onBehalfOf: USER,
        userSource: "asserted",
        sessionId,
      });
  }, 60_000);
});
