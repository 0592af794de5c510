import { createHash, randomBytes } from "node:crypto";

const PREFIX = "wdn_";

/** A new API token: the plaintext (shown once), its sha256 (stored) and a short prefix (displayed). */
export function newTokenSecret() {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
