import { registerApprovableKinds } from "@/lib/services/approvals/shared/approvable-kinds";
import { policyChangeApproval } from "@/lib/services/servers/shared/policy-change-approval";
import { serverActivationApproval } from "@/lib/services/servers/shared/server-activation-approval";
import { toolChangeApproval } from "@/lib/services/tools/shared/tool-change-approval";

// Approvals decides registry requests; servers and tools, which open them, apply and describe them. This
// wiring sits above all three so that approvals imports neither: the routes that decide or list approvals
// import it (and the tests, through vitest's setup), before any request is decided.
registerApprovableKinds({
  SERVER_ACTIVATION: serverActivationApproval,
  TOOL_CHANGE: toolChangeApproval,
  POLICY_CHANGE: policyChangeApproval,
});
