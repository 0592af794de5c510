import { AUDIT_CATEGORIES, AUDIT_CATEGORY_LABELS } from "@/lib/schemas/audit-category";
import { OUTCOMES, outcomeLabel } from "@/lib/schemas/outcome";

/** The explorer's (and the export's) category and outcome choices: every entry of the vocabulary, in its order. */
export const CATEGORY_OPTIONS = AUDIT_CATEGORIES.map((c) => ({ value: c, label: AUDIT_CATEGORY_LABELS[c] }));
export const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }));
