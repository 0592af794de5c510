import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZSsoRecordId } from "@/lib/schemas/sso";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/**
 * Removes a single sign-on identity from its account: that identity no longer signs in as it (its next
 * sign-in is treated as a new identity). Sessions already open end with the SSO session lifetime.
 */
export async function unlinkSsoIdentity(actor: Actor, identityId: string) {
  assertCan(actor, "users.manage");
  const id = parseWith(ZSsoRecordId, identityId, "id");
  return db().$transaction(async (tx) => {
    const identity = await tx.ssoIdentity.findUnique({ where: { id } });
    if (!identity) throw new AppError("NOT_FOUND", "Single sign-on identity not found");
    await tx.ssoIdentity.delete({ where: { id: identity.id } });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "user.sso_identity_unlinked", {
      target: { type: "User", id: identity.userId },
      attributes: { issuer: identity.issuer, subject: identity.subject, email: identity.email },
    });
    return { ok: true };
  });
}
