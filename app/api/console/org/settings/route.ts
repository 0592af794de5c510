import { withRoute } from "@/lib/api/with-route";
import { ZOrgSettingsInput } from "@/lib/schemas/org";
import { getOrgSettings } from "@/lib/services/org/get-org-settings";
import { updateOrgSettings } from "@/lib/services/org/update-org-settings";

export const GET = withRoute({ permission: "settings.read" }, ({ actor }) => getOrgSettings(actor));

export const PUT = withRoute({ permission: "org.settings.manage", body: ZOrgSettingsInput }, ({ actor, body }) =>
  updateOrgSettings(actor, body),
);
