import { expect, it } from "vitest";
import type { TokenActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { ingestEvents } from "./ingest-events";

const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000bb",
  name: "c",
  scopes: ["ingest"],
};
const auditor = { type: "SYSTEM" as const, label: "test" };
const batch = (events: Record<string, unknown>[]) => {
  const r = parseBatch(JSON.stringify(events), "application/json");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.events;
};

describeWithDatabase("findings and records across batches", () => {
  it("finds the exfiltration chain when the read and the egress arrive in different batches", async () => {
    const w = await seedDecisionWorld({ restricted: true });
    const call = (sessionId: string, at: string, extra: Record<string, unknown> = {}) => ({
      server: w.server.slug,
      agent: w.agent.clientId,
      tool: "query_records",
      outcome: "success",
      sessionId,
      timestamp: at,
      onBehalfOf: "alice@corp.example",
      ...extra,
    });
    const egress = { server: "pastebin-mcp", tool: "post_paste" };
    const chain = async (sessionId: string) =>
      db().finding.findUnique({ where: { type_entityKey: { type: "exfiltration_chain", entityKey: sessionId } } });
    await ingestEvents(collector, batch([call("s-split", "2026-11-04T10:00:00Z")]));
    expect(await chain("s-split")).toBeNull();
    await ingestEvents(collector, batch([call("s-split", "2026-11-04T12:30:00Z", egress)]));
    expect(await chain("s-split")).toMatchObject({
      severity: "CRITICAL",
      evidence: expect.objectContaining({ onBehalfOf: "alice@corp.example" }),
    });
    // Outside the window (a day later), or before the read, it is not a chain.
    await ingestEvents(collector, batch([call("s-late", "2026-11-04T10:00:00Z")]));
    await ingestEvents(collector, batch([call("s-late", "2026-11-05T10:00:01Z", egress)]));
    expect(await chain("s-late")).toBeNull();
    await ingestEvents(collector, batch([call("s-before", "2026-11-04T10:00:00Z")]));
    await ingestEvents(collector, batch([call("s-before", "2026-11-04T09:00:00Z", egress)]));
    expect(await chain("s-before")).toBeNull();
  });

  it("fills a decision record's agent, server and on-behalf-of columns, so the explorer's filters find it", async () => {
    const w = await seedDecisionWorld();
    const d = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "query_records",
      arguments: { object: "Case", limit: 5 },
      onBehalfOf: "carol@corp.example",
      sessionId: "sess-42",
    });
    for (const filter of [
      { agent: w.agent.clientId },
      { server: w.server.slug },
      { onBehalfOf: "carol@corp.example" },
      { tool: "query_records" },
    ]) {
      const { events } = await listAuditEvents(auditor, { category: "DECISION", ...filter });
      expect(
        events.some((e) => (e.attributes as { decisionId?: string }).decisionId === d.decisionId),
        JSON.stringify(filter),
      ).toBe(true);
    }
  });
});
