/**
 * Separation of duties in access reviews, the same rules as approvals (lib/approvals/eligibility.ts):
 * nobody certifies access of an agent they own or registered, the entitlements of a server they own
 * or registered (its credentials and its ownership), or access they granted themselves.
 *
 * A server's primary owner still reviews who may call their server (its grants): that is the resource
 * owner's job, not a review of their own access. Team membership is not ownership here: the owner team
 * is the fallback that reviews when the primary owner may not.
 */
export const CONFLICT_KINDS = ["owner", "registrar", "server_owner", "grantor"] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One person's ties to an item, frozen when the campaign starts. */
export type Conflict = { userId: string; kinds: ConflictKind[] };

/** Groups (person, kind) pairs by person, dropping unknown people; kinds in canonical order. */
export function collectConflicts(pairs: [string | null | undefined, ConflictKind][]): Conflict[] {
  const by = new Map<string, Set<ConflictKind>>();
  for (const [userId, kind] of pairs) if (userId) by.set(userId, (by.get(userId) ?? new Set()).add(kind));
  return [...by.entries()].map(([userId, kinds]) => ({
    userId,
    kinds: CONFLICT_KINDS.filter((k) => kinds.has(k)),
  }));
}

/** The kinds of tie a person has to an item (from its stored `conflicts`), in canonical order. */
export function conflictKindsOf(conflicts: unknown, userId: string | null | undefined): ConflictKind[] {
  if (!userId || !Array.isArray(conflicts)) return [];
  const mine = (conflicts as Conflict[]).find((c) => c?.userId === userId);
  return CONFLICT_KINDS.filter((k) => mine?.kinds?.includes(k));
}

/** Who may not decide the item: everyone with a tie to it, unless the campaign allows self-review. */
export const barredUserIds = (conflicts: Conflict[], allowSelfReview: boolean) =>
  allowSelfReview ? [] : conflicts.map((c) => c.userId);

type Described = { kind: string; snapshot: unknown; serverSlug: string };

function phrase(kind: ConflictKind, item: Described): string {
  const s = (item.snapshot ?? {}) as Record<string, unknown>;
  const agent = String(s.agent ?? "");
  switch (kind) {
    case "owner":
      return `own the agent ${agent}`;
    case "registrar":
      return item.kind === "GRANT" ? `registered the agent ${agent}` : `registered the server ${item.serverSlug}`;
    case "server_owner":
      return `are the primary owner of the server ${item.serverSlug}`;
    case "grantor":
      return item.kind === "CREDENTIAL" ? "added this credential" : "granted this access";
  }
}

/** "own the agent a and granted this access": the ties in words, for messages to the person concerned. */
export function describeConflict(kinds: readonly ConflictKind[], item: Described): string {
  const parts = kinds.map((k) => phrase(k, item));
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
