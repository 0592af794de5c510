import { AUDIT_CATEGORIES, AUDIT_CATEGORY_LABELS } from "@/lib/schemas/audit-category";
import { OUTCOMES, outcomeLabel } from "@/lib/schemas/outcome";
import { USER_SOURCES } from "@/lib/schemas/user-source";

/** The explorer's (and the export's) category and outcome choices: every entry of the vocabulary, in its order. */
export const CATEGORY_OPTIONS = AUDIT_CATEGORIES.map((c) => ({ value: c, label: AUDIT_CATEGORY_LABELS[c] }));
const USER_SOURCE_LABELS = { verified: "Verified (token)", asserted: "Asserted by agent", none: "No user" } as const;
export const USER_SOURCE_OPTIONS = USER_SOURCES.map((s) => ({ value: s, label: USER_SOURCE_LABELS[s] }));
export const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }));
