/**
 * Why an outbound call (SIEM, webhook) failed, as a short code. Only the code and an HTTP status are
 * stored: never what the target answered, which could be an internal service's text.
 */
export const OUTBOUND_REASONS = {
  address_denied:
    "the address is loopback, private, link-local, cloud metadata or Warden itself, and WARDEN_OUTBOUND_ALLOW does not name it",
  dns_failed: "the host name did not resolve",
  connection_refused: "nothing listens at that address",
  connection_reset: "the target reset the connection",
  unreachable: "there is no route to the target",
  timeout: "no answer in time",
  tls_error: "the TLS handshake or certificate check failed",
  redirect_refused: "the target answered with a redirect, which Warden never follows",
  not_syslog: "the target answered or hung up as no syslog collector does",
  token_not_set: "the token variable is not set on this server",
  network_error: "the connection failed",
  internal_error: "Warden failed before sending (the server log has the details)",
} as const;

export type OutboundReason = keyof typeof OUTBOUND_REASONS | `http_${number}`;

const HTTP = /^http_([1-5]\d\d)$/;

/** A stored code as people read it; anything that is not a known code (a legacy free-text error) is hidden. */
export function describeOutboundReason(code: string): string {
  const http = HTTP.exec(code);
  if (http) return `${code}: the target answered HTTP ${http[1]}`;
  const known = OUTBOUND_REASONS[code as keyof typeof OUTBOUND_REASONS];
  return known ? `${code}: ${known}` : "unclassified_error";
}

/** Keeps a known code, maps anything else to "unclassified_error", so no stored free text reaches a reader. */
export function classifiedReason(code: string | null): string | null {
  if (code === null) return null;
  return HTTP.test(code) || code in OUTBOUND_REASONS ? code : "unclassified_error";
}
