import { withRoute } from "@/lib/api/with-route";
import { ZFindingListQuery } from "@/lib/schemas/finding";
import { listFindings } from "@/lib/services/findings/list-findings";

export const GET = withRoute({ permission: "findings.read", query: ZFindingListQuery }, ({ actor, query }) =>
  listFindings(actor, query),
);
