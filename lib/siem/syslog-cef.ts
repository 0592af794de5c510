import net from "node:net";
import tls from "node:tls";
import type { SiemEvent } from "./siem-event";

// Facility 13 (log audit); severity 6 (informational), 4 (warning) for what did not succeed.
const FACILITY = 13;
const severity = (e: SiemEvent) => (e.outcome === "success" || e.outcome === "allow" ? 6 : 4);
const CEF_SEVERITY = (e: SiemEvent) => (severity(e) === 6 ? 3 : 6);

const header = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
const ext = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/=/g, "\\=")
    .replace(/\r?\n|\r/g, "\\n");
const sd = (s: string) => s.replace(/[\\"\]]/g, (c) => `\\${c}`);

/** ArcSight CEF: the event's facts as header fields and extension key=value pairs. */
export function cef(e: SiemEvent): string {
  const pairs: [string, string | null][] = [
    ["rt", String(Date.parse(e.occurredAt))],
    ["suser", e.actor],
    ["duser", e.onBehalfOf],
    ["outcome", e.outcome],
    ["cat", e.category],
    ["cs1Label", "eventId"],
    ["cs1", e.eventId],
    ["cs2Label", "server"],
    ["cs2", e.server],
    ["cs3Label", "tool"],
    ["cs3", e.tool],
    ["cs4Label", "agent"],
    ["cs4", e.agent],
    ["cs5Label", "sessionId"],
    ["cs5", e.sessionId],
    ["cs6Label", "hash"],
    ["cs6", e.hash],
    ["cn1Label", "sequence"],
    ["cn1", e.sequence],
  ];
  const extension = pairs
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}=${ext(v!)}`)
    .join(" ");
  return `CEF:0|Warden|Warden|1|${header(e.action)}|${header(`${e.category} ${e.action}`)}|${CEF_SEVERITY(e)}|${extension}`;
}

/** RFC 5424 message with the CEF payload, framed by octet counting (RFC 6587) for TCP and TLS. */
export function syslogFrame(e: SiemEvent): string {
  const pri = FACILITY * 8 + severity(e);
  const data = `[warden@32473 eventId="${sd(e.eventId)}" sequence="${e.sequence}"]`;
  const msg = `<${pri}>1 ${e.occurredAt} warden warden - ${e.type === "checkpoint" ? "checkpoint" : "audit"} ${data} ${cef(e)}`;
  return `${Buffer.byteLength(msg)} ${msg}`;
}

const TIMEOUT_MS = 10_000;

/** Sends a batch over one connection; resolves once the receiver has the bytes and the socket closed cleanly. */
export function sendSyslog(url: string, events: SiemEvent[]): Promise<void> {
  const u = new URL(url);
  const port = Number(u.port);
  return new Promise((resolve, reject) => {
    const socket =
      u.protocol === "tls:"
        ? tls.connect({ host: u.hostname, port, servername: u.hostname })
        : net.connect({ host: u.hostname, port });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no progress within ${TIMEOUT_MS / 1000} s`)));
    socket.once("error", reject);
    socket.once(u.protocol === "tls:" ? "secureConnect" : "connect", () => {
      socket.end(events.map(syslogFrame).join(""));
    });
    socket.once("close", (hadError) => (hadError ? undefined : resolve()));
  });
}
