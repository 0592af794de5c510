import { withRoute } from "@/lib/api/with-route";
import { ZFindingStatusInput } from "@/lib/schemas/finding";
import { setFindingStatus } from "@/lib/services/findings/set-finding-status";

export const PATCH = withRoute(
  { permission: "findings.manage", body: ZFindingStatusInput },
  ({ actor, body, params }) => setFindingStatus(actor, params.id, body),
);
