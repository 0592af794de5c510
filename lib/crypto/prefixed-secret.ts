import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256, sha256Hex } from "./sha256";

/** API tokens that gateways and scripts present to Warden. */
export const API_TOKEN_PREFIX = "wdn_";
/** Agent credentials that agents present to a gateway. */
export const AGENT_SECRET_PREFIX = "wag_";

export type SecretPrefix = typeof API_TOKEN_PREFIX | typeof AGENT_SECRET_PREFIX;

/**
 * A new bearer secret: the plaintext (shown once), its hash (stored) and a short prefix (displayed).
 * The prefix names the kind, so a secret pasted in the wrong place, or leaked, is recognised at a glance.
 */
export function newSecret(prefix: SecretPrefix) {
  const secret = prefix + randomBytes(32).toString("base64url");
  return { secret, secretHash: hashSecret(secret), prefix: secret.slice(0, prefix.length + 6) };
}

/** What Warden stores and gateways compare: the sha256 hex of the whole secret. */
export const hashSecret = (secret: string): string => sha256Hex(secret);

/** Whether the secret's hash is one of the given hashes (hex), each compared in constant time. */
export function secretMatchesAny(secret: string, hashesHex: readonly string[]): boolean {
  const presented = sha256(secret);
  return hashesHex.some((h) => {
    const known = Buffer.from(h, "hex");
    return known.length === presented.length && timingSafeEqual(known, presented);
  });
}
