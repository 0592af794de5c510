import { createHash, randomBytes } from "node:crypto";

const PREFIX = "wag_";

/** A new agent credential: the plaintext (shown once), its sha256 (stored) and a short prefix (displayed). */
export function newAgentSecret() {
  const secret = PREFIX + randomBytes(32).toString("base64url");
  return { secret, secretHash: hashAgentSecret(secret), prefix: secret.slice(0, PREFIX.length + 6) };
}

/** What Warden stores and gateways compare: the sha256 hex of the whole credential. */
export function hashAgentSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
