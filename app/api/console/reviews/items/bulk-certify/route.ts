import { withRoute } from "@/lib/api/with-route";
import { ZBulkCertifyInput } from "@/lib/schemas/review";
import { bulkCertifyItems } from "@/lib/services/reviews/bulk-certify-items";

export const POST = withRoute({ permission: "reviews.decide", body: ZBulkCertifyInput }, ({ actor, body }) =>
  bulkCertifyItems(actor, body),
);
