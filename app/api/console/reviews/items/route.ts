import { withRoute } from "@/lib/api/with-route";
import { ZReviewItemsQuery } from "@/lib/schemas/review";
import { listReviewItems } from "@/lib/services/reviews/list-review-items";

export const GET = withRoute({ permission: "reviews.read", query: ZReviewItemsQuery }, ({ actor, query }) =>
  listReviewItems(actor, query),
);
