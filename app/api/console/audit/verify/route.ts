import { withRoute } from "@/lib/api/with-route";
import { verifyAudit } from "@/lib/services/audit/verify-audit";

export const GET = withRoute({ permission: "audit.verify" }, ({ actor }) => verifyAudit(actor));
