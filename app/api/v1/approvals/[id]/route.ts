import { withRoute } from "@/lib/api/with-route";
import { getApprovalStatus } from "@/lib/services/approvals/get-approval-status";

/** For gateways polling a pending call. */
export const GET = withRoute({ permission: "approvals.read", auth: "token" }, ({ actor, params }) =>
  getApprovalStatus(actor, params.id),
);
