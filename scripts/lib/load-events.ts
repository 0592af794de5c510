import { systemActor } from "@/lib/authz/actor";
import { ZIngestEvent } from "@/lib/schemas/ingest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { generateTraffic } from "@/lib/simulator/traffic";

/** Loads `target` simulated calls spread over `days` through the ingest service, in batches of 1,000. */
export async function loadEvents(target: number, days: number, onProgress?: (n: number) => void) {
  const actor = systemActor("bench-loader");
  const ratePerHour = Math.ceil((target / (days * 24)) * 1.35);
  let loaded = 0;
  let batch: ReturnType<typeof ZIngestEvent.parse>[] = [];
  for (const e of generateTraffic({ days, ratePerHour, seed: 7 })) {
    if (loaded + batch.length >= target) break;
    batch.push(ZIngestEvent.parse(e));
    if (batch.length === 1000) {
      loaded += (await ingestEvents(actor, batch)).accepted;
      batch = [];
      if (loaded % 50_000 === 0) onProgress?.(loaded);
    }
  }
  if (batch.length) loaded += (await ingestEvents(actor, batch)).accepted;
  return loaded;
}
