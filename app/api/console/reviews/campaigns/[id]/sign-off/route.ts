import { withRoute } from "@/lib/api/with-route";
import { ZSignOffInput } from "@/lib/schemas/review";
import { signOffCampaign } from "@/lib/services/reviews/sign-off-campaign";

export const POST = withRoute({ permission: "reviews.signoff", body: ZSignOffInput }, ({ actor, body, params }) =>
  signOffCampaign(actor, params.id, body),
);
