import { withRoute } from "@/lib/api/with-route";
import { ZAuditListQuery } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";

export const GET = withRoute({ permission: "audit.read", query: ZAuditListQuery }, ({ actor, query }) =>
  listAuditEvents(actor, query),
);
