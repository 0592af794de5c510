import { ZSuspendInput } from "@/lib/schemas/tool";
import { setSuspended, SUSPEND_PERMISSION, type Suspendable } from "@/lib/services/kill-switch/set-suspended";
import { withRoute } from "./with-route";

/** POST /api/console/{tools,agents,grants}/:id/suspension — the per-entity kill switch. */
export const suspensionRoute = (kind: Suspendable) =>
  withRoute({ permission: SUSPEND_PERMISSION[kind], body: ZSuspendInput }, ({ actor, body, params }) =>
    setSuspended(actor, kind, params.id, body),
  );
