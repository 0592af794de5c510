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
      latencyMs: i < 70 ? 7 : 300,
    }));
    const parsed = parseBatch(JSON.stringify(events), "application/json");
    if (!parsed.ok) throw new Error("bad fixture");
    await ingestEvents(collector, parsed.events);
    const d = await getDashboard(systemActor("test"), { range: "24h" }, now);
    const total = d.callsOverTime.reduce((n, b) => n + (b.success ?? 0) + (b.denied ?? 0), 0);
    expect(total).toBe(100);
    expect(d.topServers).toEqual([
      { key: "alpha", count: 70 },
      { key: "beta", count: 30 },
    ]);
    expect(d.denialsByReason).toEqual([{ key: "denied at the gateway", count: 5 }]);
    expect(d.latencyByServer).toEqual(
      expect.arrayContaining([
        { server: "alpha", p50: 10, p95: 10 },
        { server: "beta", p50: 500, p95: 500 },
      ]),
    );
    // 30 days reads the daily rollups: the same totals.
    const month = await getDashboard(systemActor("test"), { range: "30d" }, now);
    expect(month.callsOverTime.reduce((n, b) => n + (b.success ?? 0) + (b.denied ?? 0), 0)).toBe(100);
    expect(month.topServers).toEqual(d.topServers);
  });
});
