import { generateTraffic } from "@/lib/simulator/traffic";

/** `count` ingest bodies of 1,000 simulated calls each, the same every run (30 days of traffic, seed 11). */
export function trafficBodies(count: number): string[] {
  const bodies: string[] = [];
  let batch: unknown[] = [];
  for (const e of generateTraffic({ days: 30, ratePerHour: 2000, seed: 11 })) {
    batch.push(e);
    if (batch.length < 1000) continue;
    bodies.push(JSON.stringify({ events: batch }));
    batch = [];
    if (bodies.length === count) break;
  }
  return bodies;
}
