import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { ApprovalKind } from "@/lib/generated/prisma/enums";
import type { ApprovalContext } from "../approval-context-types";

/** A decided request as its kind's handler receives it. */
export type ApprovedRequest = {
  id: string;
  kind: string;
  serverId: string | null;
  toolName: string | null;
  argsHash: string | null;
  change?: unknown;
};

/** A request on the approvals page, for a kind to add what an approver needs to see. */
export type ContextRow = { id: string; serverId: string | null; toolName: string | null };

/**
 * What a kind of registry request does for approvals. Approvals decides the request; the domain that owns
 * the change applies it and describes it, so approvals imports neither servers nor tools.
 */
export type ApprovableKind = {
  /** Applies the approved change inside the deciding transaction; `breakGlass` is an ADMIN's justification. */
  apply(tx: Tx, request: ApprovedRequest, via: { actor: Actor; now: Date; breakGlass?: string }): Promise<void>;
  /**
   * Why approvers' votes cannot approve this change (it needs an ADMIN's justified override), or null. Checked
   * before an approving vote is recorded, so the vote is refused rather than the change failing at apply.
   */
  approveBarrier?(tx: Tx, request: ContextRow): Promise<string | null>;
  /** Context for a page of requests of this kind, in a few queries for all of them, keyed by request id. */
  context?(rows: ContextRow[]): Promise<Map<string, Partial<ApprovalContext>>>;
};

/** Registry requests: the ones another domain applies, and the only ones a break-glass may apply. */
export type RegistryKind = Extract<ApprovalKind, "SERVER_ACTIVATION" | "TOOL_CHANGE" | "POLICY_CHANGE">;

let registered: Record<RegistryKind, ApprovableKind> | null = null;

/** Called once by lib/services/approvable-kinds.ts, which every entry point that decides or lists approvals imports. */
export function registerApprovableKinds(kinds: Record<RegistryKind, ApprovableKind>) {
  registered = kinds;
}

export const isRegistryKind = (kind: string): kind is RegistryKind =>
  kind === "SERVER_ACTIVATION" || kind === "TOOL_CHANGE" || kind === "POLICY_CHANGE";

export function approvableKind(kind: RegistryKind): ApprovableKind {
  if (!registered) throw new Error("Approvable kinds are not registered: import @/lib/services/approvable-kinds");
  return registered[kind];
}
