import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { closeConnection, db, useConnection as install } from "@/lib/db/client";
import { parseBatch } from "@/lib/ingest/parse-batch";
import type { TokenActor } from "@/lib/authz/actor";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { generateTraffic } from "@/lib/simulator/traffic";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-database";
import { ingestEvents } from "./ingest-events";

const gateway: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000bb",
  name: "collector",
  scopes: ["ingest"],
};

const traffic = (seed: number, now: string, n: number) => {
  const events = [...generateTraffic({ days: 1, ratePerHour: 40, seed, now: new Date(now) })].slice(0, n);
  const parsed = parseBatch(JSON.stringify(events), "application/json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.events;
};
// A day of history first: an agent's very first batch is its baseline (no "new tool" findings), by design.
const HISTORY = traffic(1, "2026-11-01T00:00:00Z", 300);
const EVENTS = traffic(2, "2026-11-02T00:00:00Z", 120);

/** What ingest leaves behind, independent of how the events arrived: the records, rollups and findings. */
async function outcome() {
  const chain = await verifyChain(db());
  const records = await db().auditEvent.findMany({
    orderBy: { eventId: "asc" },
    select: {
      eventId: true,
      action: true,
      outcome: true,
      occurredAt: true,
      server: true,
      tool: true,
      agent: true,
      sessionId: true,
      attributes: true,
    },
  });
  const rollups = await db().$queryRawUnsafe(
    `SELECT 'h' AS grain, r.* FROM "ToolCallRollup" r UNION ALL SELECT 'd', d.* FROM "ToolCallRollupDaily" d ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  );
  const findings = await db().finding.findMany({
    orderBy: [{ type: "asc" }, { entityKey: "asc" }],
    select: { type: true, entityKey: true, severity: true },
  });
  return { chain: { ok: chain.ok, checked: chain.checked }, records, rollups, findings };
}

// One backend is enough for a property of the service: PGlite, unless only PostgreSQL is in scope.
const BACKEND = BACKENDS.includes("pglite") ? "pglite" : "postgres";

async function ingestWith(plan: (events: TIngestEvent[]) => Promise<void>) {
  const database = await openTestDatabase(BACKEND);
  install(database.conn);
  try {
    await ingestEvents(gateway, HISTORY);
    await plan(EVENTS);
    return await outcome();
  } finally {
    await closeConnection();
    await database.drop();
  }
}

/** Cuts the events into consecutive batches of the given sizes (the rest in a last one). */
function split(events: TIngestEvent[], sizes: number[]) {
  const out: TIngestEvent[][] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= events.length) break;
    out.push(events.slice(at, (at += size)));
  }
  if (at < events.length) out.push(events.slice(at));
  return out;
}

describe("ingesting a batch split any way", () => {
  it(
    "ends in the same records, chain, rollups and findings as one batch (sizes, concurrency, retries of the same eventIds)",
    { timeout: 600_000 },
    async () => {
      const whole = await ingestWith(async (events) => void (await ingestEvents(gateway, events)));
      expect(whole.chain).toEqual({ ok: true, checked: HISTORY.length + EVENTS.length });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: 3 }),
          fc.array(fc.nat(), { maxLength: 3 }),
          async (sizes, concurrency, retried) => {
            const parts = await ingestWith(async (events) => {
              const batches = split(events, sizes);
              // Retries: some batches are sent again (whole), while or after the first copy is in flight.
              const queue = [...batches, ...retried.map((i) => batches[i % batches.length])];
              await Promise.all(
                Array.from({ length: concurrency }, async () => {
                  for (let b = queue.shift(); b; b = queue.shift()) await ingestEvents(gateway, b);
                }),
              );
            });
            expect(parts).toEqual(whole);
          },
        ),
        { numRuns: 3, seed: 27, endOnFailure: true },
      );
    },
  );
});
