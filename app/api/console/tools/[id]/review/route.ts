import { withRoute } from "@/lib/api/with-route";
import { ZReviewToolInput } from "@/lib/schemas/tool";
import { reviewTool } from "@/lib/services/tools/review-tool";

export const POST = withRoute({ permission: "tools.review", body: ZReviewToolInput }, ({ actor, body, params }) =>
  reviewTool(actor, params.id, body),
);
