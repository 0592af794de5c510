import { ZSuspendInput } from "@/lib/schemas/tool";
import { setSuspended, type Suspendable } from "@/lib/services/kill-switch/set-suspended";
import { withRoute } from "./with-route";

const PERMISSION = { tool: "servers.manage", agent: "agents.manage", grant: "grants.manage" } as const;

/** POST /api/console/{tools,agents,grants}/:id/suspension — the per-entity kill switch. */
export const suspensionRoute = (kind: Suspendable) =>
  withRoute({ permission: PERMISSION[kind], body: ZSuspendInput }, ({ actor, body, params }) =>
    setSuspended(actor, kind, params.id, body),
  );
