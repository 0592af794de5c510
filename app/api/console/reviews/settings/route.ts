import { withRoute } from "@/lib/api/with-route";
import { ZReviewSettingsInput } from "@/lib/schemas/review";
import { getReviewSettings } from "@/lib/services/reviews/get-review-settings";
import { updateReviewSettings } from "@/lib/services/reviews/update-review-settings";

export const GET = withRoute({ permission: "reviews.read" }, ({ actor }) => getReviewSettings(actor));

export const PUT = withRoute({ permission: "reviews.manage", body: ZReviewSettingsInput }, ({ actor, body }) =>
  updateReviewSettings(actor, body),
);
