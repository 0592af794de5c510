import { withRoute } from "@/lib/api/with-route";
import { listFindings } from "@/lib/services/findings/list-findings";

export const GET = withRoute({ permission: "findings.read" }, ({ actor }) => listFindings(actor));
