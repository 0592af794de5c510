import { redactText } from "@/lib/redaction/redact";

/**
 * One vocabulary of decision rules, as outcomes have one (`outcome.ts`): the names Warden's engine gives
 * (`lib/policy`) are canonical, and the spellings other gateways and older records use are folded into
 * them, at ingest and again when old rows are read, so every chart, filter and export counts one rule once.
 */
export const RULE_ALIASES: Record<string, string[]> = {
  denied_field: ["field_denied", "forbidden_field"],
  record_limit: ["max_records", "records_limit", "too_many_records"],
  rate_limited: ["rate_limit", "rate_limit_exceeded", "throttled"],
  no_grant: ["not_granted", "missing_grant"],
  approval_required: ["needs_approval", "requires_approval"],
};

/** The named bucket for a refusal whose gateway did not say which rule decided it. */
export const UNREPORTED_RULE = "rule_not_reported";

const canonical = new Map<string, string>(
  Object.entries(RULE_ALIASES).flatMap(([rule, aliases]) => aliases.map((a) => [a, rule] as const)),
);

/** The canonical rule for any spelling ("Field-Denied" → denied_field); blank reads as not reported. */
export function normaliseRule(value: string | null | undefined): string {
  const v = (value ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (!v || v === "unspecified" || v === "unknown") return UNREPORTED_RULE;
  return canonical.get(v) ?? v;
}

/**
 * The ingest edge's fold: a known spelling becomes its canonical name and a blank one the unreported bucket,
 * while any other rule is kept as written. Rewriting free text here ("a b" → "a_b") would hide a secret in
 * it from the redaction that runs after parsing; readers fold the rest with `normaliseRule`.
 */
export function foldKnownRule(value: string): string {
  const folded = normaliseRule(value);
  return folded === UNREPORTED_RULE || Object.hasOwn(RULE_ALIASES, folded) ? folded : value;
}

/** The named bucket for a rule that held a secret: the rule as written is kept only redacted, beside it. */
export const REDACTED_RULE = "rule_redacted";

/**
 * The rule a denied or paused call is counted under, and stored under: the canonical name of what the
 * gateway wrote. A rule in which redaction finds anything, as written or once folded ("ghp 0123…" folds into
 * a token's shape), is counted as `rule_redacted`: folding a redacted rule would give the chart one spelling
 * and the stored record another, and a secret must never become a chart's label. The dashboard's rollups and
 * the audit record hold this same value, so a chart's bar and the explorer's filter on it find the same rows.
 */
export function countedRule(raw: string | undefined): string {
  const value = raw ?? "";
  if (redactText(value) !== value) return REDACTED_RULE;
  const folded = normaliseRule(value);
  return redactText(folded) === folded ? folded : REDACTED_RULE;
}

/** Every stored spelling that means this rule: what a filter on the rule matches in old rows. */
export function ruleSpellings(rule: string): string[] {
  const r = normaliseRule(rule);
  if (r === UNREPORTED_RULE) return [UNREPORTED_RULE, "", "unspecified", "unknown"];
  return [r, ...(RULE_ALIASES[r] ?? [])];
}

/** Counts keyed by rule, folded into the one vocabulary and sorted by count (largest first). */
export function foldRuleCounts(rows: { rule: string | null; count: number }[]): { key: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(normaliseRule(r.rule), (totals.get(normaliseRule(r.rule)) ?? 0) + r.count);
  return [...totals.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
