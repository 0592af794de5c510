import { withRoute } from "@/lib/api/with-route";
import { ZCancelCampaignInput } from "@/lib/schemas/review";
import { cancelCampaign } from "@/lib/services/reviews/cancel-campaign";

export const POST = withRoute({ permission: "reviews.manage", body: ZCancelCampaignInput }, ({ actor, body, params }) =>
  cancelCampaign(actor, params.id, body),
);
