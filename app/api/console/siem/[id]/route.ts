import { withRoute } from "@/lib/api/with-route";
import { deleteSiemTarget } from "@/lib/services/siem/delete-siem-target";

export const DELETE = withRoute({ permission: "siem.manage" }, ({ actor, params }) =>
  deleteSiemTarget(actor, params.id),
);
