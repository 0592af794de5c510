import type { GuardOptions } from "@/lib/net/outbound-guard";
import { postOutbound } from "@/lib/net/outbound-http";
import type { SiemEvent } from "./siem-event";

const TIMEOUT_MS = 10_000;

/** Splunk HTTP Event Collector: one JSON object per event, concatenated in one request body. */
export function hecBody(events: SiemEvent[]): string {
  return events
    .map((e) =>
      JSON.stringify({
        time: Date.parse(e.occurredAt) / 1000,
        host: "warden",
        source: "warden",
        sourcetype: e.type === "checkpoint" ? "warden:checkpoint" : "warden:audit",
        event: e,
      }),
    )
    .join("\n");
}

/**
 * Posts a batch to the HEC endpoint through the outbound guard: the `Authorization: Splunk` token goes
 * only to the address that was checked, and never along a redirect. What Splunk answers is not kept.
 */
export async function sendHec(url: string, token: string, events: SiemEvent[], options?: GuardOptions): Promise<void> {
  await postOutbound(
    url,
    {
      headers: { authorization: `Splunk ${token}`, "content-type": "application/json" },
      body: hecBody(events),
      timeoutMs: TIMEOUT_MS,
    },
    options,
  );
}
