import { withRoute } from "@/lib/api/with-route";
import { ZAuditRetentionInput } from "@/lib/schemas/audit-retention";
import { setAuditRetention } from "@/lib/services/org/set-audit-retention";

export const PUT = withRoute({ permission: "org.settings.manage", body: ZAuditRetentionInput }, ({ actor, body }) =>
  setAuditRetention(actor, body),
);
