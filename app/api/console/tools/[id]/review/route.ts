import { withRoute } from "@/lib/api/with-route";
import { ZReviewToolInput } from "@/lib/schemas/tool";
import { reviewTool } from "@/lib/services/tools/review-tool";

export const POST = withRoute(
  {
    permission: "tools.review",
    body: ZReviewToolInput,
    // 64 hex digits look like a key; the schema pins this field to the sha256 of a tool definition.
    secretsAllowed: { definitionHash: "the sha256 of a tool definition (the schema allows nothing else)" },
  },
  ({ actor, body, params }) => reviewTool(actor, params.id, body),
);
