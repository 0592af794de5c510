import { expect, it } from "vitest";
import { systemActor, type TokenActor } from "@/lib/authz/actor";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { db } from "@/lib/db/client";
import { REDACTED_RULE, UNREPORTED_RULE } from "@/lib/schemas/rule";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { getDashboard } from "./get-dashboard";

const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000cc",
  name: "collector",
  scopes: ["ingest"],
};

describeWithDatabase("dashboard", () => {
  it("adds up the rollups: calls over time, tops, denials and latency percentiles", async () => {
    const now = new Date("2026-11-10T12:30:00Z");
    const events = Array.from({ length: 100 }, (_, i) => ({
      timestamp: new Date(now.getTime() - (i % 10) * 3_600_000).toISOString(),
      server: i < 70 ? "alpha" : "beta",
      tool: "t",
      agent: i % 2 ? "a1" : "a2",
      outcome: i % 20 === 0 ? "denied" : "success",
      ...(i % 20 === 0 && i < 60 ? { rule: "no_grant", reason: "no grant covers this call" } : {}),
      latencyMs: i < 70 ? 7 : 300,
    }));
    const parsed = parseBatch(JSON.stringify(events), "application/json");
    if (!parsed.ok) throw new Error("bad fixture");
    await ingestEvents(collector, parsed.events);
    const d = await getDashboard(systemActor("test"), { range: "24h" }, now);
    const total = d.callsOverTime.reduce((n, b) => n + (b.success ?? 0) + (b.deny ?? 0), 0);
    expect(total).toBe(100);
    expect(d.topServers).toEqual([
      { key: "alpha", count: 70 },
      { key: "beta", count: 30 },
    ]);
    // Denials group by the rule the gateway reported; "denied" is folded into the one vocabulary.
    expect(d.denialsByRule).toEqual([
      { key: "no_grant", count: 3 },
      { key: UNREPORTED_RULE, count: 2 },
    ]);
    // Real percentiles, within 5%, not bucket edges.
    const alpha = d.latencyByServer.find((l) => l.server === "alpha")!;
    const beta = d.latencyByServer.find((l) => l.server === "beta")!;
    expect(Math.abs(alpha.p50! - 7) / 7).toBeLessThanOrEqual(0.05);
    expect(Math.abs(beta.p95! - 300) / 300).toBeLessThanOrEqual(0.05);
    // 30 days reads the daily rollups: the same totals.
    const month = await getDashboard(systemActor("test"), { range: "30d" }, now);
    expect(month.callsOverTime.reduce((n, b) => n + (b.success ?? 0) + (b.deny ?? 0), 0)).toBe(100);
    expect(month.topServers).toEqual(d.topServers);
  });

  it("folds the engine's rule names, ingested synonyms and old rows into one vocabulary, and finds them by rule", async () => {
    const now = new Date("2026-06-10T12:30:00Z");
    const at = new Date(now.getTime() - 3_600_000).toISOString();
    const deny = (rule: string | undefined, i: number) => ({
      eventId: `deny-${i}`,
      timestamp: at,
      server: "alpha",
      tool: "query",
      agent: "a1",
      outcome: "deny",
      ...(rule ? { rule } : {}),
    });
    const batch = [
      ...["field_denied", "denied_field", "max_records", "record_limit", "record_limit", undefined].map(deny),
    ];
    const parsed = parseBatch(JSON.stringify(batch), "application/json");
    if (!parsed.ok) throw new Error("bad fixture");
    await ingestEvents(collector, parsed.events);
    // A row written before the vocabulary was one still says "field_denied" and "unspecified".
    await db().$executeRawUnsafe(
      `INSERT INTO "DecisionRollup" (hour, server, outcome, rule, count) VALUES ($1, 'alpha', 'deny', 'field_denied', 4), ($1, 'alpha', 'deny', 'unspecified', 1)`,
      new Date(at),
    );
    const d = await getDashboard(systemActor("test"), { range: "24h" }, now);
    expect(d.denialsByRule).toEqual([
      { key: "denied_field", count: 6 },
      { key: "record_limit", count: 3 },
      { key: UNREPORTED_RULE, count: 2 },
    ]);
    // The explorer's rule filter (the chart's click-through) finds both spellings of one rule.
    const found = await listAuditEvents(systemActor("test"), { rule: "field_denied", outcome: "deny" });
    expect(found.total).toBe(2);
    expect(found.events.every((e) => (e.attributes as { rule?: string }).rule === "denied_field")).toBe(true);
  });

  it("every bar of denials by rule opens an explorer slice with exactly its count, whatever the gateway wrote", async () => {
    const now = new Date("2026-07-10T12:30:00Z");
    const at = new Date(now.getTime() - 3_600_000).toISOString();
    // No rule, a gateway's own rule in its own spelling, a known synonym, a rule that holds a secret, a long one.
    const rules = [
      undefined,
      undefined,
      "Path Not Allowed",
      "path-not-allowed",
      "max_records",
      "token sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      // Secrets in rules: as written, and one that takes a token's shape only once folded ("ghp 0…" → "ghp_0…").
      "token=abc123",
      "ghp 0123456789abcdefghijABCDEFGHIJ0123",
      "x".repeat(120),
    ];
    const batch = rules.map((rule, i) => ({
      eventId: `bar-${i}`,
      timestamp: at,
      server: "gamma",
      tool: "query",
      agent: "a1",
      outcome: "deny",
      ...(rule ? { rule } : {}),
    }));
    // Warden's own gateway reports the rule among the event's attributes.
    batch.push({
      ...batch[0],
      eventId: "bar-attr",
      attributes: { gatewayId: "gw", rule: "path_not_allowed" },
    } as never);
    const parsed = parseBatch(JSON.stringify(batch), "application/json");
    if (!parsed.ok) throw new Error("bad fixture");
    await ingestEvents(collector, parsed.events);
    const d = await getDashboard(systemActor("test"), { range: "24h" }, now);
    expect(d.denialsByRule.reduce((n, b) => n + b.count, 0)).toBe(rules.length + 1);
    expect(d.denialsByRule.find((b) => b.key === "path_not_allowed")?.count).toBe(3);
    expect(d.denialsByRule.find((b) => b.key === UNREPORTED_RULE)?.count).toBe(2);
    expect(d.denialsByRule.find((b) => b.key === REDACTED_RULE)?.count).toBe(3);
    const labels = JSON.stringify([d.denialsByRule, await db().$queryRawUnsafe(`SELECT rule FROM "ToolCallRollup"`)]);
    for (const secret of ["4eC39HqLyjWDarjtT1zdp7dc", "abc123", "0123456789abcdefghijABCDEFGHIJ0123"])
      expect(labels).not.toContain(secret);
    for (const bar of d.denialsByRule) {
      const found = await listAuditEvents(systemActor("test"), {
        rule: bar.key,
        outcome: "deny",
        server: "gamma",
        from: d.from,
        to: d.to,
      });
      expect({ rule: bar.key, count: found.total }).toEqual({ rule: bar.key, count: bar.count });
    }
    // The gateway's own spelling stays on the record beside the rule it is counted under.
    const spelled = await listAuditEvents(systemActor("test"), { rule: "path_not_allowed", server: "gamma" });
    expect(spelled.events.map((e) => (e.attributes as { ruleReported?: string }).ruleReported).sort()).toEqual([
      "Path Not Allowed",
      "path-not-allowed",
      undefined,
    ]);
  });

  it("reads a custom window [from, to) and refuses one that ends before it starts", async () => {
    const events = [3, 30, 60].map((daysAgo, i) => ({
      eventId: `c-${i}`,
      timestamp: new Date(Date.parse("2026-11-10T12:00:00Z") - daysAgo * 86_400_000).toISOString(),
      server: "alpha",
      tool: "t",
      agent: "a1",
      outcome: "success",
    }));
    const parsed = parseBatch(JSON.stringify(events), "application/json");
    if (!parsed.ok) throw new Error("bad fixture");
    await ingestEvents(collector, parsed.events);
    const window = await getDashboard(systemActor("test"), {
      range: "custom",
      from: "2026-10-01T00:00:00Z",
      to: "2026-11-01T00:00:00Z",
    });
    expect(window.topServers).toEqual([{ key: "alpha", count: 1 }]);
    expect(window.callsOverTime).toHaveLength(31);
    await expect(
      getDashboard(systemActor("test"), { range: "custom", from: "2026-11-01", to: "2026-10-01" }),
    ).rejects.toThrow(/after from/);
  });
});
