import type { ApprovalKind } from "@/lib/generated/prisma/enums";
import type { CallData } from "./call-data";
import type { AuditAction } from "./catalog";

type Quote = { field: string; quote: string };

/**
 * The data (attributes) of the actions whose shape the catalog pins down: the exceptions people take on
 * purpose, and calls. `recordAudit` checks a record of one of these actions against its shape; any other
 * action carries a JSON object of its own.
 */
export type ActionData = {
  "approval.break_glass": { kind: ApprovalKind; server?: string; tool: string | null; justification: string };
  "tool.poisoning_overridden": {
    server: string;
    name: string;
    definitionHash: string;
    justification: string;
    score: number;
    signals: string[];
    quotes: Quote[];
  };
  "decision.allow": CallData;
  "decision.deny": CallData;
  "decision.pending": CallData;
  "decision.success": CallData;
  "decision.error": CallData;
  "tools/call": CallData;
};

/** An action's data: its pinned shape, or any JSON object. */
export type DataOf<A extends AuditAction> = A extends keyof ActionData ? ActionData[A] : Record<string, unknown>;
