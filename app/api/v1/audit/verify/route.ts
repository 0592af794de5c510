import { withRoute } from "@/lib/api/with-route";
import { verifyAudit } from "@/lib/services/audit/verify-audit";

/** For monitoring: a token with scope `read` can check the chain on a schedule. */
export const GET = withRoute({ permission: "audit.verify", auth: "token" }, ({ actor }) => verifyAudit(actor));
