import { withRoute } from "@/lib/api/with-route";
import "@/lib/services/approvable-kinds";
import { ZApprovalListQuery } from "@/lib/schemas/approval";
import { listApprovals } from "@/lib/services/approvals/list-approvals";

export const GET = withRoute({ permission: "approvals.read", query: ZApprovalListQuery }, ({ actor, query }) =>
  listApprovals(actor, query),
);
