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

export async function sendHec(url: string, token: string, events: SiemEvent[]): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Splunk ${token}`, "content-type": "application/json" },
    body: hecBody(events),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "manual",
  });
  // Read the body either way, so the connection is reused.
  const text = await res.text().catch(() => "");
  if (!res.ok) throw new Error(`HEC answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
}
