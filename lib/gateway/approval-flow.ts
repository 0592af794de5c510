import { setTimeout as sleep } from "node:timers/promises";
import type { TDecisionInput } from "@/lib/schemas/decision";
import type { GatewayCore } from "./core";

export type ApprovalResult =
  | { ok: true; approvalId: string | undefined }
  | { ok: false; rule: string; reasons: string[]; approvalId?: string; pending: boolean };

const POLL_MS = 500;

/**
 * A call that needs a human: Warden opens the approval request bound to this exact call (or joins
 * the identical pending one). The gateway waits up to `approval_wait_seconds` for a decision; on
 * approval, asking again consumes it (single use) and the call may run once.
 */
export async function awaitApproval(
  core: GatewayCore,
  input: TDecisionInput,
  signal: AbortSignal,
): Promise<ApprovalResult> {
  const unavailable = (error: unknown): ApprovalResult => ({
    ok: false,
    pending: false,
    rule: "approval_unavailable",
    reasons: [
      `approval_unavailable: Warden could not be asked for an approval (${error instanceof Error ? error.message : error}); failing closed`,
    ],
  });
  let first;
  try {
    first = await core.warden.decide(input);
  } catch (error) {
    return unavailable(error);
  }
  if (first.decision === "allow") return { ok: true, approvalId: first.approvalId };
  if (first.decision === "deny") return { ok: false, pending: false, rule: "denied_by_warden", reasons: first.reasons };
  const approvalId = first.approvalId!;
  const deadline = Date.now() + core.config.approval_wait_seconds * 1000;
  while (Date.now() < deadline && !signal.aborted) {
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), undefined, { signal }).catch(() => {});
    let state;
    try {
      state = await core.warden.approval(approvalId);
    } catch (error) {
      return { ...unavailable(error), approvalId };
    }
    if (state.status === "PENDING") continue;
    if (state.status !== "APPROVED")
      return {
        ok: false,
        pending: false,
        rule: "approval_denied",
        reasons: [`approval_denied: approval ${approvalId} is ${state.status.toLowerCase()}`],
        approvalId,
      };
    try {
      const again = await core.warden.decide(input);
      if (again.decision === "allow") return { ok: true, approvalId: again.approvalId ?? approvalId };
      return {
        ok: false,
        pending: again.decision === "pending",
        rule: "approval_required",
        reasons: again.reasons,
        approvalId: again.approvalId ?? approvalId,
      };
    } catch (error) {
      return { ...unavailable(error), approvalId };
    }
  }
  return {
    ok: false,
    pending: true,
    rule: "approval_required",
    reasons: [
      `approval_required: approval ${approvalId} is waiting for a human decision; retry the call once it is approved`,
    ],
    approvalId,
  };
}
