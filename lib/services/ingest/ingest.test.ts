import { expect, it } from "vitest";
import type { TokenActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { verifyChain } from "@/lib/audit/verify-chain";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { ingestEvents } from "./ingest-events";

const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000bb",
  name: "collector",
  scopes: ["ingest"],
};

const batch = (events: Record<string, unknown>[]) => {
  const r = parseBatch(JSON.stringify(events), "application/json");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.events;
};

describeWithDatabase("audit ingestion", () => {
  it("stores a batch once: retries with the same eventIds are duplicates, and the chain stays intact", async () => {
    const w = await seedDecisionWorld();
    const events = batch(
      Array.from({ length: 20 }, (_, i) => ({
        eventId: `evt-${w.agent.clientId}-${i}`,
        timestamp: "2026-11-02T10:00:00Z",
        server: w.server.slug,
        tool: "query_records",
        agent: w.agent.clientId,
        outcome: "success",
        arguments: { q: i, password: "p" },
      })),
    );
    expect(await ingestEvents(collector, events)).toEqual({ accepted: 20, duplicates: 0 });
    expect(await ingestEvents(collector, events)).toEqual({ accepted: 0, duplicates: 20 });
    const mixed = batch([
      ...events.slice(0, 5).map((e) => ({ ...e, timestamp: e.timestamp.toISOString() })),
      {
        eventId: `new-${w.agent.clientId}`,
        timestamp: "2026-11-02T10:05:00Z",
        server: w.server.slug,
        agent: w.agent.clientId,
        outcome: "success",
      },
    ]);
    expect(await ingestEvents(collector, mixed)).toEqual({ accepted: 1, duplicates: 5 });
    const stored = await db().auditEvent.findFirstOrThrow({ where: { eventId: `evt-${w.agent.clientId}-3` } });
    expect((stored.attributes as { arguments: unknown }).arguments).toEqual({ q: 3, password: "[REDACTED]" });
    expect(stored).toMatchObject({
      category: "TOOL_CALL",
      server: w.server.slug,
      agent: w.agent.clientId,
      tool: "query_records",
    });
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("sees a retry as a duplicate when the record stores its eventId hashed (a secret found elsewhere in it)", async () => {
    const w = await seedDecisionWorld();
    // The reason reveals the password, so the record masks it everywhere, the eventId included.
    const secret = "Hunter2222secret";
    const events = batch([
      {
        eventId: `evt-${secret}-${w.agent.clientId}`,
        timestamp: "2026-11-02T11:00:00Z",
        server: w.server.slug,
        agent: w.agent.clientId,
        outcome: "deny",
        reason: `login with password=${secret} refused`,
      },
    ]);
    expect(await ingestEvents(collector, events)).toEqual({ accepted: 1, duplicates: 0 });
    // A shipper retrying the batch must get an answer, not a unique-key failure it would retry for ever.
    expect(await ingestEvents(collector, events)).toEqual({ accepted: 0, duplicates: 1 });
    const stored = await db().auditEvent.findMany({ where: { agent: w.agent.clientId } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0], (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(secret);
  });

  it("stores a batch sent twice at once exactly once, and answers both without an error", async () => {
    const w = await seedDecisionWorld();
    const events = batch(
      Array.from({ length: 30 }, (_, i) => ({
        eventId: `twice-${w.agent.clientId}-${i}`,
        timestamp: "2026-11-02T11:00:00Z",
        server: w.server.slug,
        tool: "query_records",
        agent: w.agent.clientId,
        outcome: "success",
      })),
    );
    const answers = await Promise.all([
      ingestEvents(collector, events),
      ingestEvents(collector, events),
      ingestEvents(collector, events),
    ]);
    expect(answers.reduce((n, a) => n + a.accepted, 0)).toBe(30);
    expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(60);
    expect(await db().auditEvent.count({ where: { eventId: { startsWith: `twice-${w.agent.clientId}-` } } })).toBe(30);
    const rolled = await db().toolCallRollup.aggregate({
      where: { agent: w.agent.clientId, hour: new Date("2026-11-02T11:00:00Z") },
      _sum: { count: true },
    });
    expect(rolled._sum.count).toBe(30);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("takes concurrent batches over the same rollup rows without deadlock or lost counts", async () => {
    const w = await seedDecisionWorld();
    const tools = ["query_records", "update_record"];
    const outcomes = ["success", "error", "denied"];
    // Each batch visits the shared rows in a different order.
    const batches = [0, 1, 2, 3].map((b) =>
      batch(
        Array.from({ length: 60 }, (_, i) => {
          const j = b % 2 ? 59 - i : i;
          return {
            timestamp: new Date(Date.UTC(2026, 10, 4, 8 + (j % 4), j % 60)).toISOString(),
            server: w.server.slug,
            tool: tools[(j + b) % 2],
            agent: w.agent.clientId,
            outcome: outcomes[j % 3],
          };
        }),
      ),
    );
    const answers = await Promise.all(batches.map((events) => ingestEvents(collector, events)));
    expect(answers.map((a) => a.accepted)).toEqual([60, 60, 60, 60]);
    const rolled = await db().toolCallRollup.aggregate({
      where: {
        agent: w.agent.clientId,
        hour: { gte: new Date("2026-11-04T00:00:00Z"), lt: new Date("2026-11-05T00:00:00Z") },
      },
      _sum: { count: true },
    });
    expect(rolled._sum.count).toBe(240);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("keeps rollups equal to a raw count", async () => {
    const w = await seedDecisionWorld();
    const outcomes = ["success", "success", "error", "denied"];
    for (let b = 0; b < 3; b++) {
      await ingestEvents(
        collector,
        batch(
          Array.from({ length: 40 }, (_, i) => ({
            timestamp: new Date(Date.UTC(2026, 10, 3, 9 + (i % 3), i)).toISOString(),
            server: w.server.slug,
            tool: i % 2 ? "query_records" : "update_record",
            agent: w.agent.clientId,
            outcome: outcomes[i % 4],
            latencyMs: i * 7,
            recordsReturned: i,
          })),
        ),
      );
    }
    const raw = await db().auditEvent.groupBy({
      by: ["tool", "outcome"],
      where: { server: w.server.slug, category: "TOOL_CALL" },
      _count: true,
    });
    const rolled = await db().toolCallRollup.groupBy({
      by: ["tool", "outcome"],
      where: { server: w.server.slug },
      _sum: { count: true },
    });
    const asMap = (rows: { tool: string | null; outcome: string; n: number }[]) =>
      Object.fromEntries(rows.map((r) => [`${r.tool}/${r.outcome}`, r.n]));
    expect(asMap(rolled.map((r) => ({ ...r, n: r._sum.count ?? 0 })))).toEqual(
      asMap(raw.map((r) => ({ ...r, n: r._count }))),
    );
    const buckets = await db().toolCallRollup.findMany({ where: { server: w.server.slug } });
    expect(buckets.reduce((n, r) => n + r.latencyBuckets.reduce((a, b) => a + b, 0), 0)).toBe(120);
  });

  it("raises each finding rule on a positive case and not on a negative one", async () => {
    const w = await seedDecisionWorld({ restricted: true });
    await db().orgSettings.update({
      where: { id: 1 },
      data: { businessTimezone: "UTC", businessStartHour: 8, businessEndHour: 19 },
    });
    const base = { server: w.server.slug, agent: w.agent.clientId, tool: "query_records", outcome: "success" };
    const findings = async () => new Set((await db().finding.findMany()).map((f) => `${f.type}:${f.entityKey}`));
    // Negative: a weekday in business hours, within the grant's 100 records, a tool already used.
    await ingestEvents(
      collector,
      batch([
        { ...base, timestamp: "2026-11-04T10:00:00Z", recordsReturned: 100, sessionId: `ok-${w.agent.clientId}` },
      ]),
    );
    let f = await findings();
    expect(f.has(`bulk_read:${w.agent.clientId}:${w.server.slug}`)).toBe(false);
    expect(f.has(`off_hours:${w.agent.clientId}`)).toBe(false);
    expect(f.has(`exfiltration_chain:ok-${w.agent.clientId}`)).toBe(false);
    // An agent's very first calls are its baseline: no "new tool" finding for them.
    expect(f.has(`new_tool:${w.agent.clientId}:${w.server.slug}:query_records`)).toBe(false);
    // Positive: bulk read, 03:00, a first-time tool, an unknown agent and server, and an exfiltration chain.
    await ingestEvents(
      collector,
      batch([
        { ...base, timestamp: "2026-11-04T03:00:00Z", recordsReturned: 5000, sessionId: `x-${w.agent.clientId}` },
        { ...base, tool: "update_record", timestamp: "2026-11-04T11:00:00Z" },
        {
          ...base,
          agent: "rogue-bot",
          server: "pastebin-mcp",
          tool: "post_paste",
          timestamp: "2026-11-04T03:01:00Z",
          sessionId: `x-${w.agent.clientId}`,
        },
      ]),
    );
    f = await findings();
    // A spike in denials and a 10x volume hour, against the agent's own history.
    const agent = w.agent.clientId;
    await ingestEvents(
      collector,
      batch(
        Array.from({ length: 48 }, (_, h) => ({
          ...base,
          timestamp: new Date(Date.UTC(2026, 10, 5, 0) + h * 3_600_000).toISOString(),
          recordsReturned: 100,
          outcome: h % 12 === 0 ? "denied" : "success",
        })),
      ),
    );
    f = await findings();
    expect(f.has(`denial_spike:${agent}`)).toBe(false);
    expect(f.has(`bulk_read_volume:${agent}`)).toBe(false);
    await ingestEvents(
      collector,
      batch([
        ...Array.from({ length: 25 }, (_, i) => ({
          ...base,
          timestamp: `2026-11-07T01:${String(i).padStart(2, "0")}:00Z`,
          outcome: "denied",
        })),
        { ...base, timestamp: "2026-11-07T01:30:00Z", recordsReturned: 99 },
        ...Array.from({ length: 12 }, (_, i) => ({
          ...base,
          timestamp: `2026-11-07T01:4${i % 10}:00Z`,
          recordsReturned: 90,
        })),
      ]),
    );
    f = await findings();
    expect(f.has(`denial_spike:${agent}`)).toBe(true);
    expect(f.has(`bulk_read_volume:${agent}`)).toBe(true);
    for (const k of [
      `bulk_read:${w.agent.clientId}:${w.server.slug}`,
      `off_hours:${w.agent.clientId}`,
      `new_tool:${w.agent.clientId}:${w.server.slug}:update_record`,
      "unknown_agent:rogue-bot",
      "shadow_server:pastebin-mcp",
      `exfiltration_chain:x-${w.agent.clientId}`,
    ]) {
      expect(f.has(k), k).toBe(true);
    }
  });
});
