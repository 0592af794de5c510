import { createAuditBatcher } from "@/lib/audit/audit-batcher";
import { countDecisions, type DecisionCount } from "@/lib/ingest/decision-rollup";

/** Decisions commit in groups, each with its audit record and its count in the dashboard rollup. */
export const decisionBatcher = createAuditBatcher<DecisionCount>("decisions", countDecisions);
