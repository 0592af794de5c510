import { deleteAudited } from "@/lib/services/audited-write";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { parseWith } from "@/lib/schemas/parse";
import { ZSsoRecordId } from "@/lib/schemas/sso";

/**
 * Removes a single sign-on identity from its account: that identity no longer signs in as it (its next
 * sign-in is treated as a new identity). Sessions already open end with the SSO session lifetime.
 */
export async function unlinkSsoIdentity(actor: Actor, identityId: string) {
  assertCan(actor, "users.manage");
  const id = parseWith(ZSsoRecordId, identityId, "id");
  return deleteAudited(
    actor,
    (tx) => tx.ssoIdentity,
    id,
    "Single sign-on identity not found",
    (identity) => ({
      action: "user.sso_identity_unlinked",
      target: { type: "User", id: identity.userId },
      attributes: { issuer: identity.issuer, subject: identity.subject, email: identity.email },
    }),
  );
}
