import net, { isIP } from "node:net";
import tls from "node:tls";
import { OutboundError, classifyOutboundError } from "@/lib/net/outbound-error";
import { endpointOf, resolveOutbound, type GuardOptions } from "@/lib/net/outbound-guard";
import type { SiemEvent } from "./siem-event";

// Facility 13 (log audit); severity 6 (informational), 4 (warning) for what did not succeed.
const FACILITY = 13;
const severity = (e: SiemEvent) => (e.outcome === "success" || e.outcome === "allow" ? 6 : 4);
const CEF_SEVERITY = (e: SiemEvent) => (severity(e) === 6 ? 3 : 6);

// Line breaks and every other control character (C0 but TAB, DEL, C1 with NEL, U+2028/U+2029): a
// receiver that splits on any of them would start a forged record inside ours.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
/** CEF header field: `\` and `|` escaped; a header cannot hold a line break, so controls become spaces. */
export const cefHeader = (s: string) => s.replace(/[\\|]/g, (c) => `\\${c}`).replace(CONTROL, " ");
/** CEF extension value: `\`, `=` escaped, CR and LF written as `\r` and `\n`, other controls as spaces. */
export const cefValue = (s: string) =>
  s
    .replace(/[\\=]/g, (c) => `\\${c}`)
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n")
    .replace(CONTROL, " ");
/**
 * RFC 5424 §6.3.3 PARAM-VALUE: `"`, `\` and `]` escaped. The RFC has no escape for line breaks; they are
 * written as `\r` and `\n` (read back as those two characters), so the frame never holds a raw one.
 */
export const sdValue = (s: string) =>
  s
    .replace(/["\\\]]/g, (c) => `\\${c}`)
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n")
    .replace(CONTROL, " ");

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
    .map(([k, v]) => `${k}=${cefValue(v!)}`)
    .join(" ");
  return `CEF:0|Warden|Warden|1|${cefHeader(e.action)}|${cefHeader(`${e.category} ${e.action}`)}|${CEF_SEVERITY(e)}|${extension}`;
}

/** RFC 5424 message with the CEF payload, framed by octet counting (RFC 6587) for TCP and TLS. */
export function syslogFrame(e: SiemEvent): string {
  const pri = FACILITY * 8 + severity(e);
  const data = `[warden@32473 eventId="${sdValue(e.eventId)}" sequence="${sdValue(e.sequence)}"]`;
  const msg = `<${pri}>1 ${e.occurredAt} warden warden - ${e.type === "checkpoint" ? "checkpoint" : "audit"} ${data} ${cef(e)}`;
  return `${Buffer.byteLength(msg)} ${msg}`;
}

const TIMEOUT_MS = 10_000;
/** How long a peer must stay silent after our frames before we half-close: a collector never answers. */
const WATCH_MS = 300;

export type SyslogOptions = GuardOptions & { watchMs?: number; timeoutMs?: number };

/**
 * Sends a batch over one connection to the address the outbound guard checked. Syslog over TCP has no
 * receipt (RFC 6587), so success means "sent", not "delivered": the peer took the frames, stayed silent
 * for a moment, and closed cleanly once we half-closed. A peer that writes back, hangs up before we are
 * done, or resets is not a syslog collector (a database, a web server, a mail server): the batch fails
 * with `not_syslog` or `connection_reset`, and is sent again later.
 */
export async function sendSyslog(url: string, events: SiemEvent[], options: SyslogOptions = {}): Promise<void> {
  const { protocol, host, port } = endpointOf(url);
  if (protocol !== "tcp:" && protocol !== "tls:") throw new OutboundError("address_denied");
  const pinned = await resolveOutbound(host, port, options);
  const frames = events.map(syslogFrame).join("");
  return new Promise((resolve, reject) => {
    let done = false;
    let halfClosed = false;
    const socket =
      protocol === "tls:"
        ? tls.connect({ host: pinned.address, port, servername: isIP(host) ? undefined : host })
        : net.connect({ host: pinned.address, port });
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      socket.destroy();
      if (error === undefined) resolve();
      else reject(error instanceof OutboundError ? error : new OutboundError(classifyOutboundError(error)));
    };
    const deadline = setTimeout(() => finish(new OutboundError("timeout")), options.timeoutMs ?? TIMEOUT_MS);
    socket.on("error", finish);
    socket.on("data", () => finish(new OutboundError("not_syslog")));
    socket.on("end", () => (halfClosed ? undefined : finish(new OutboundError("not_syslog"))));
    socket.on("close", () => finish(halfClosed ? undefined : new OutboundError("not_syslog")));
    socket.once(protocol === "tls:" ? "secureConnect" : "connect", () => {
      socket.write(frames, () =>
        setTimeout(() => {
          if (done) return;
          halfClosed = true;
          socket.end();
        }, options.watchMs ?? WATCH_MS),
      );
    });
  });
}
