import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** sha256 of one item's frozen content. */
export const snapshotHash = (snapshot: unknown) => sha256(canonicalJson(snapshot));

/**
 * sha256 of the whole population: every item's kind, key and content, in key order. The same
 * entitlements give the same hash whatever order the query returned them in; any change gives another.
 */
export function populationHash(items: { kind: string; subjectKey: string; snapshot: unknown }[]): string {
  const sorted = [...items]
    .sort((a, b) => (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0))
    .map(({ kind, subjectKey, snapshot }) => ({ kind, subjectKey, snapshot }));
  return sha256(canonicalJson(sorted));
}
