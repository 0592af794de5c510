import { hashCanonical } from "@/lib/crypto/sha256";

/** sha256 of one item's frozen content. */
export const snapshotHash = (snapshot: unknown) => hashCanonical(snapshot);

/**
 * sha256 of the whole population: every item's kind, key and content, in key order. The same
 * entitlements give the same hash whatever order the query returned them in; any change gives another.
 */
export function populationHash(items: { kind: string; subjectKey: string; snapshot: unknown }[]): string {
  const sorted = [...items]
    .sort((a, b) => (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0))
    .map(({ kind, subjectKey, snapshot }) => ({ kind, subjectKey, snapshot }));
  return hashCanonical(sorted);
}
