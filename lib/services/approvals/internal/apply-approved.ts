import { systemActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { approvableKind, isRegistryKind, type ApprovedRequest } from "../shared/approvable-kinds";
import { fulfilAccessRequest } from "./fulfil-access-request";

/**
 * What an approval does once it has its votes (or an ADMIN broke glass, with `breakGlass` the
 * justification), in the same transaction: a JIT grant here, a registry request by the domain that owns
 * it (a server activated, exactly the reviewed tool definition approved, a held policy change applied).
 * Tool calls do nothing here: the gateway's next identical call consumes the approval.
 */
export async function applyApproved(tx: Tx, r: ApprovedRequest, now: Date, breakGlass?: string) {
  if (r.kind === "ACCESS_GRANT") await fulfilAccessRequest(tx, r.id, now);
  if (isRegistryKind(r.kind))
    await approvableKind(r.kind).apply(tx, r, { actor: systemActor(`approval:${r.id}`), now, breakGlass });
}
