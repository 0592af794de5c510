import { systemActor } from "@/lib/authz/actor";
import { ZIngestEvent } from "@/lib/schemas/ingest";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { seedDecidedApprovals } from "./decided-approvals";
import { DEMO_DECISIONS, generateTraffic } from "./traffic";

/**
 * Fills a fresh demo with 30 days of the simulator's traffic (about 55,000 calls) and a few live
 * decisions and two weeks of decided approvals, through the same services the APIs call, in-process, so the first start needs no token.
 */
export async function fillDemoTraffic(days = 30, ratePerHour = 100) {
  const simulator = systemActor("demo-simulator");
  const t0 = performance.now();
  for (const d of DEMO_DECISIONS) await decideToolCall(simulator, d);
  await seedDecidedApprovals();
  let total = 0;
  let batch: ReturnType<typeof ZIngestEvent.parse>[] = [];
  for (const e of generateTraffic({ days, ratePerHour })) {
    batch.push(ZIngestEvent.parse(e));
    if (batch.length === 1000) {
      total += (await ingestEvents(simulator, batch)).accepted;
      batch = [];
    }
  }
  if (batch.length) total += (await ingestEvents(simulator, batch)).accepted;
  return { events: total, seconds: (performance.now() - t0) / 1000 };
}
