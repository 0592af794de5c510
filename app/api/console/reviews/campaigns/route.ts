import { withRoute } from "@/lib/api/with-route";
import { ZCampaignListQuery, ZCreateCampaignInput } from "@/lib/schemas/review";
import { createCampaign } from "@/lib/services/reviews/create-campaign";
import { listCampaigns } from "@/lib/services/reviews/list-campaigns";

export const GET = withRoute({ permission: "reviews.read", query: ZCampaignListQuery }, ({ actor, query }) =>
  listCampaigns(actor, query),
);

export const POST = withRoute({ permission: "reviews.manage", body: ZCreateCampaignInput }, async ({ actor, body }) =>
  Response.json(await createCampaign(actor, body), { status: 201 }),
);
