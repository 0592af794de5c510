import { setTimeout as sleep } from "node:timers/promises";

/**
 * A gateway's ingest shipper in miniature: posts batches of events to `url` one after another, and
 * retries a batch (same eventIds) until Warden acknowledges it with a 200 that accounts for every event.
 * `acknowledged` holds the eventIds of acknowledged batches only.
 */
export function ingestSender(url: string, token: string, batch: (n: number) => { eventId: string }[]) {
  const acknowledged: string[] = [];
  let retries = 0;
  let stopping = false;
  const done = (async () => {
    for (let n = 0; !stopping; n++) {
      const events = batch(n);
      for (;;) {
        try {
          const res = await fetch(`${url}/api/v1/audit/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify(events),
            signal: AbortSignal.timeout(60_000),
          });
          const body = (await res.json()) as { accepted?: number; duplicates?: number };
          if (res.ok && (body.accepted ?? 0) + (body.duplicates ?? 0) === events.length) break;
        } catch {
          // a cut connection or a dead instance behind the load balancer: send the same batch again
        }
        retries++;
        await sleep(100);
      }
      acknowledged.push(...events.map((e) => e.eventId));
    }
  })();
  return {
    acknowledged,
    retries: () => retries,
    /** Stops after the batch in hand is acknowledged. */
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}
