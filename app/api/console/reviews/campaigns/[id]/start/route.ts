import { withRoute } from "@/lib/api/with-route";
import { startCampaign } from "@/lib/services/reviews/start-campaign";

export const POST = withRoute({ permission: "reviews.manage" }, ({ actor, params }) => startCampaign(actor, params.id));
