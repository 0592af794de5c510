/**
 * One vocabulary of outcomes across the audit log: what the decision engine, ingest, approvals, the
 * registry and sign-in write. Older or foreign spellings are folded into it at ingest, and the explorer's
 * filter matches them. Each outcome has its label and its colour: green went through, blue waits or
 * changed something, amber is an exception a person took on purpose (break-glass, an override), red
 * was refused or went wrong.
 */
const OUTCOME_DISPLAY = {
  allow: { label: "Allowed", tone: "success" },
  deny: { label: "Denied", tone: "danger" },
  pending: { label: "Waiting for approval", tone: "info" },
  success: { label: "Succeeded", tone: "success" },
  error: { label: "Error", tone: "danger" },
  approved: { label: "Approved", tone: "success" },
  expired: { label: "Expired", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "danger" },
  failure: { label: "Failed", tone: "danger" },
  changed: { label: "Changed", tone: "info" },
  break_glass: { label: "Break-glass", tone: "warning" },
  overridden: { label: "Overridden", tone: "warning" },
} as const satisfies Record<string, { label: string; tone: OutcomeTone }>;

/** The badge colours an outcome may take (a subset of the console's badge tones). */
export type OutcomeTone = "success" | "info" | "warning" | "danger";
export type Outcome = keyof typeof OUTCOME_DISPLAY;
export const OUTCOMES = Object.keys(OUTCOME_DISPLAY) as Outcome[];

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

/** How a stored outcome reads: "deny" reads "Denied", a legacy "denied" the same, an unknown one as stored. */
export function outcomeLabel(stored: string): string {
  const o = normaliseOutcome(stored);
  return o ? OUTCOME_DISPLAY[o].label : stored;
}

/** A stored outcome's colour; one Warden does not know is shown as a failure. */
export function outcomeTone(stored: string): OutcomeTone {
  const o = normaliseOutcome(stored);
  return o ? OUTCOME_DISPLAY[o].tone : "danger";
}
