import { withRoute } from "@/lib/api/with-route";
import { getSecondOpinion } from "@/lib/services/tools/get-second-opinion";

export const POST = withRoute({ permission: "tools.review" }, ({ actor, params }) =>
  getSecondOpinion(actor, params.id),
);
