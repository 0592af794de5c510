import { withRoute } from "@/lib/api/with-route";
import { getCampaignEvidence } from "@/lib/services/reviews/get-campaign-evidence";

export const GET = withRoute({ permission: "reports.read" }, ({ actor, params }) =>
  getCampaignEvidence(actor, params.id),
);
