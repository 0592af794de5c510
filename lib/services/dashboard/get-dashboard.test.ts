import { expect, it } from "vitest";
import { systemActor, type TokenActor } from "@/lib/authz/actor";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { describeWithDatabase } from "@/lib/testing/test-database";
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
      { key: "unspecified", count: 2 },
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
});
