import { withRoute } from "@/lib/api/with-route";
import "@/lib/services/approvable-kinds";
import { ZBreakGlassInput } from "@/lib/schemas/approval";
import { breakGlass } from "@/lib/services/approvals/break-glass";

export const POST = withRoute(
  { permission: "approvals.break_glass", body: ZBreakGlassInput },
  ({ actor, body, params }) => breakGlass(actor, params.id, body),
);
