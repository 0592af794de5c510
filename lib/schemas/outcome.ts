/**
 * One vocabulary of outcomes across the audit log: what the decision engine, ingest, approvals and sign-in
 * write. Older or foreign spellings are folded into it at ingest, and the explorer's filter matches them.
 */
export const OUTCOME_LABELS = {
  allow: "Allowed",
  deny: "Denied",
  pending: "Waiting for approval",
  success: "Succeeded",
  error: "Error",
  approved: "Approved",
  expired: "Expired",
  cancelled: "Cancelled",
  failure: "Failed",
  changed: "Changed",
} as const;

export type Outcome = keyof typeof OUTCOME_LABELS;
export const OUTCOMES = Object.keys(OUTCOME_LABELS) as Outcome[];

/** Spellings seen in the wild (and in records written before the vocabulary was one), by canonical outcome. */
export const OUTCOME_ALIASES: Partial<Record<Outcome, string[]>> = {
  deny: ["denied", "blocked", "refused"],
  pending: ["pending_approval", "approval_required"],
  success: ["ok", "allowed_and_succeeded"],
  error: ["failed"],
};

const canonical = new Map<string, Outcome>(
  Object.entries(OUTCOME_ALIASES).flatMap(([o, aliases]) => aliases.map((a) => [a, o as Outcome] as const)),
);

/** The canonical outcome for any spelling, or undefined when it is not an outcome Warden knows. */
export function normaliseOutcome(value: string): Outcome | undefined {
  const v = value.trim().toLowerCase();
  return (OUTCOMES as string[]).includes(v) ? (v as Outcome) : canonical.get(v);
}

/** Every stored spelling that means this outcome: what the explorer's filter matches. */
export const outcomeSpellings = (o: Outcome): string[] => [o, ...(OUTCOME_ALIASES[o] ?? [])];
