import { withRoute } from "@/lib/api/with-route";
import "@/lib/services/approvable-kinds";
import { ZVoteInput } from "@/lib/schemas/approval";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";

export const POST = withRoute({ permission: "approvals.vote", body: ZVoteInput }, ({ actor, body, params }) =>
  voteOnRequest(actor, params.id, body),
);
