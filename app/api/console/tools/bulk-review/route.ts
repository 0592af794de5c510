import { withRoute } from "@/lib/api/with-route";
import { ZBulkReviewToolsInput } from "@/lib/schemas/tool";
import { bulkReviewTools } from "@/lib/services/tools/bulk-review-tools";

export const POST = withRoute(
  {
    permission: "tools.review",
    body: ZBulkReviewToolsInput,
    // 64 hex digits look like a key; the schema pins `tools` to tool ids and the sha256 of each definition.
    secretsAllowed: { tools: "tool ids and the sha256 of each tool definition (the schema allows nothing else)" },
  },
  ({ actor, body }) => bulkReviewTools(actor, body),
);
