import { withRoute } from "@/lib/api/with-route";
import { ZCreateSiemTargetInput } from "@/lib/schemas/siem";
import { createSiemTarget } from "@/lib/services/siem/create-siem-target";
import { listSiemTargets } from "@/lib/services/siem/list-siem-targets";

export const GET = withRoute({ permission: "siem.manage" }, ({ actor }) => listSiemTargets(actor));

export const POST = withRoute({ permission: "siem.manage", body: ZCreateSiemTargetInput }, ({ actor, body }) =>
  createSiemTarget(actor, body),
);
