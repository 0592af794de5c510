import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isWildcard, ZGrantResourcesInput, type TGrantResourcesInput } from "@/lib/schemas/grant";
import { parseWith } from "@/lib/schemas/parse";
import { recordAdminAudit } from "@/lib/services/audited-write";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { lockServer, writableServerWhere } from "@/lib/services/servers/server-access";

/**
 * Replaces the resource patterns and prompts a live grant covers (its tools and limits stay): audited with
 * before and after in the same transaction, and in the next bundle the gateways fetch.
 */
export async function updateGrantResources(actor: Actor, grantId: string, raw: TGrantResourcesInput) {
  assertCan(actor, "grants.manage");
  const input = parseWith(ZGrantResourcesInput, raw, "grant");
  const grant = await db().$transaction(async (tx) => {
    const server = await writableServerWhere(tx, actor);
    const found = await tx.grant.findFirst({ where: { id: grantId, server }, include: { server: true } });
    if (!found) throw new AppError("NOT_FOUND", "Grant not found, or not on a server your team owns");
    if (found.status === "REVOKED") throw new AppError("CONFLICT", "A revoked grant cannot be changed");
    await lockServer(tx, found.serverId);
    const updated = await tx.grant.update({ where: { id: found.id }, data: input });
    await registryChanged(tx, found.serverId);
    await recordAdminAudit(tx, actor, "grant.resources.changed", {
      target: { type: "Grant", id: found.id },
      before: { allowedResources: found.allowedResources, allowedPrompts: found.allowedPrompts },
      after: input,
      attributes: {
        server: found.server.slug,
        resourceWildcard: isWildcard(input.allowedResources) || undefined,
        promptWildcard: isWildcard(input.allowedPrompts) || undefined,
      },
    });
    return updated;
  });
  const warnings = [
    isWildcard(input.allowedResources) && "Wildcard resource pattern: it covers resources added later too.",
    isWildcard(input.allowedPrompts) && "Wildcard prompt grant: it covers prompts added later too.",
  ].filter((w): w is string => typeof w === "string");
  return { ...grant, warnings };
}
