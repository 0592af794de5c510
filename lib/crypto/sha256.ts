import { createHash, hash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

type Bytes = string | Uint8Array;

/** sha256 of the parts, fed in order (strings as UTF-8): the same digest as hashing them concatenated. */
export function sha256(...parts: Bytes[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * sha256 of the parts as 64 lowercase hex digits. Text goes through the one-shot digest, with no Hash object
 * per call: the audit chain hashes every ingested record here.
 */
export const sha256Hex = (...parts: Bytes[]): string =>
  parts.every((p) => typeof p === "string") ? hash("sha256", parts.join(""), "hex") : sha256(...parts).toString("hex");

/**
 * sha256 hex of a value's canonical JSON: key order never matters, any value change does. What Warden
 * binds to content (tool definitions, call arguments, policy versions, review populations) is this.
 */
export const hashCanonical = (value: unknown): string => sha256Hex(canonicalJson(value));
