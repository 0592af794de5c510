import { createHmac, hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { holdsSecret } from "@/lib/redaction/redact";

/** What a secret-looking identifier is stored as: this prefix and a keyed hash of it. */
export const HASHED_ID_PREFIX = "redacted-id:";

let key: Buffer | undefined;
// Derived from the server's own secret (NEXTAUTH_SECRET, or the embedded demo's generated one), never stored.
const idKey = () =>
  (key ??= Buffer.from(hkdfSync("sha256", authSecret(), "warden-audit-identifiers", "audit-identifier", 32)));

/**
 * An identifier column (`eventId`, `sessionId`) as the audit log stores it. One that holds a secret is
 * replaced by `redacted-id:` and a keyed hash (HMAC-SHA256, 128 bits) of it: the secret is gone, yet the
 * same id always gives the same value, so ingest still recognises a retried event. Idempotent. `known`
 * matches the secrets the rest of the record revealed (an id that repeats one is hashed too).
 */
export function auditIdentifier<T extends string | null | undefined>(id: T, known: RegExp | null = null): T {
  if (typeof id !== "string" || !(holdsSecret(id) || (known !== null && id.search(known) !== -1))) return id;
  return `${HASHED_ID_PREFIX}${createHmac("sha256", idKey()).update(id).digest("hex").slice(0, 32)}` as T;
}

/** An event with its identifier columns as the audit log stores them (for ingest's de-duplication). */
export const withAuditIdentifiers = <E extends { eventId: string; sessionId?: string | null }>(e: E): E => ({
  ...e,
  eventId: auditIdentifier(e.eventId),
  sessionId: auditIdentifier(e.sessionId),
});
