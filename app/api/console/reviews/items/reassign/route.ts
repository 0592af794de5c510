import { withRoute } from "@/lib/api/with-route";
import { ZReassignInput } from "@/lib/schemas/review";
import { reassignReviewItems } from "@/lib/services/reviews/reassign-review-items";

export const POST = withRoute({ permission: "reviews.manage", body: ZReassignInput }, ({ actor, body }) =>
  reassignReviewItems(actor, body),
);
