import { withRoute } from "@/lib/api/with-route";
import { getCampaign } from "@/lib/services/reviews/get-campaign";

export const GET = withRoute({ permission: "reviews.read" }, ({ actor, params }) => getCampaign(actor, params.id));
