import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { ZUpdateServerInput, type TUpdateServerInput } from "@/lib/schemas/server";
import { applyServerChange } from "./shared/apply-server-change";
import { gateMoveToProd } from "./internal/gate-move-to-prod";
import { holdRelaxation } from "./shared/hold-relaxation";
import { loadWritableServer, lockServer } from "./server-access";
import { assertOwnersExist } from "./server-owners";

/**
 * Edits a server. Two changes do not simply apply: loosening an ACTIVE PROD server's policy waits for
 * approvers (the server is returned unchanged, with the request's id), and moving a live server to PROD
 * must pass the readiness gate and takes the server back to PENDING_APPROVAL for its activation vote.
 */
export async function updateServer(actor: Actor, idOrSlug: string, raw: TUpdateServerInput) {
  assertCan(actor, "servers.manage");
  const input = parseWith(ZUpdateServerInput, raw, "server change");
  return db().$transaction(async (tx) => {
    const before = await loadWritableServer(tx, actor, idOrSlug);
    await lockServer(tx, before.id);
    // An OWNER may not hand the server to a team they are not in: it would leave their scope.
    if (
      input.ownerTeamId &&
      input.ownerTeamId !== before.ownerTeamId &&
      actor.type === "USER" &&
      !can(actor, "servers.manage.any")
    ) {
      throw new AppError("FORBIDDEN", "Only an ADMIN can move a server to another team");
    }
    const merged = { ...before, ...input };
    parseWith(
      ZUpdateServerInput,
      {
        transport: merged.transport,
        endpoint: merged.endpoint,
        hosting: merged.hosting,
        vendor: merged.vendor ?? undefined,
      },
      "server change",
    );
    await assertOwnersExist(tx, { ownerTeamId: merged.ownerTeamId, primaryOwnerId: merged.primaryOwnerId });
    const held = await holdRelaxation(tx, actor, before, { fields: input });
    if (held) {
      await recordAdminAudit(tx, actor, "server.change_held_for_approval", {
        target: { type: "McpServer", id: before.id },
        outcome: "pending",
        after: input,
        attributes: { ...held },
      });
      return { ...before, ...held };
    }
    let server = await applyServerChange(tx, before.id, { fields: input });
    if (before.environment !== "PROD" && server.environment === "PROD")
      server = await gateMoveToProd(tx, actor, before, server);
    const changed = Object.keys(input).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(server[k as keyof typeof server]),
    );
    await recordAdminAudit(tx, actor, "server.updated", {
      target: { type: "McpServer", id: server.id },
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries(changed.map((k) => [k, server[k as keyof typeof server]])),
    });
    return server;
  });
}
