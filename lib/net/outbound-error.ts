import type { OutboundReason } from "./outbound-reasons";

/** An outbound call that failed, with its classified reason (and the HTTP status, if one came back). */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundReason,
    readonly status?: number,
  ) {
    super(reason);
    this.name = "OutboundError";
  }
}

const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Maps whatever a socket or request threw to a reason code; the error's own text is never kept. */
export function classifyOutboundError(error: unknown): OutboundReason {
  if (error instanceof OutboundError) return error.reason;
  const e = error as { name?: string; code?: string; cause?: unknown } | null;
  if (!e) return "network_error";
  if (e.name === "TimeoutError" || e.name === "AbortError") return "timeout";
  switch (e.code) {
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return "timeout";
    case "ECONNREFUSED":
      return "connection_refused";
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return "connection_reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NODATA":
    case "EAI_NONAME":
      return "dns_failed";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return "unreachable";
  }
  if (e.code && TLS.test(e.code)) return "tls_error";
  if (e.cause) return classifyOutboundError(e.cause);
  return "network_error";
}

/** The reason to store for a failed send: an OutboundError's own, or internal_error (logged, not stored). */
export function storedReason(error: unknown, label: string): OutboundReason {
  if (error instanceof OutboundError) return error.reason;
  console.error(`${label} failed before sending`, error);
  return "internal_error";
}
