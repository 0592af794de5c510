import { withRoute } from "@/lib/api/with-route";
import { ZReviewDecisionInput } from "@/lib/schemas/review";
import { decideReviewItem } from "@/lib/services/reviews/decide-review-item";

export const POST = withRoute({ permission: "reviews.decide", body: ZReviewDecisionInput }, ({ actor, body, params }) =>
  decideReviewItem(actor, params.id, body),
);
