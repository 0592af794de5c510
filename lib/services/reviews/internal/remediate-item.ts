import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { ReviewItem } from "@/lib/generated/prisma/client";
import { applyNarrowing } from "@/lib/reviews/narrowing";
import type { TGrantNarrowing } from "@/lib/schemas/review";
import { deleteCredentialInTx } from "@/lib/services/credentials/shared/delete-credential-in-tx";
import { narrowGrantInTx } from "@/lib/services/grants/shared/narrow-grant-in-tx";
import { revokeGrantInTx } from "@/lib/services/grants/shared/revoke-grant-in-tx";
import { removePrimaryOwnerInTx } from "@/lib/services/servers/shared/remove-primary-owner-in-tx";

export type Remediation = {
  remediatedAt: Date | null;
  remediationSequence: bigint | null;
  remediationNote: string | null;
  changes?: { before: unknown; after: unknown };
};

const none = (note: string | null): Remediation => ({
  remediatedAt: null,
  remediationSequence: null,
  remediationNote: note,
});

/**
 * Applies a decision to the live entitlement, in the decision's transaction, through the registry's own
 * audited helpers: REVOKE revokes the grant, removes the credential reference or the primary owner;
 * MODIFY narrows the grant. Returns when it took effect and the audit sequence that proves it.
 */
export async function remediateItem(
  tx: Tx,
  actor: Actor,
  item: Pick<ReviewItem, "id" | "campaignId" | "kind" | "grantId" | "credentialId" | "serverId">,
  decision: "CERTIFY" | "REVOKE" | "MODIFY" | "KEEP",
  context: { reason: string; changes?: TGrantNarrowing; now: Date },
): Promise<Remediation> {
  const attributes = { reviewItemId: item.id, campaignId: item.campaignId };
  if (item.kind === "GRANT") {
    const grant = await tx.grant.findUnique({ where: { id: item.grantId! } });
    const live = grant && grant.status !== "REVOKED";
    if (decision === "CERTIFY" || decision === "KEEP") {
      if (live && decision === "CERTIFY")
        await tx.grant.update({ where: { id: grant.id }, data: { lastReviewedAt: context.now } });
      return none(live ? null : "The grant was already revoked or removed");
    }
    if (!live) return none("The grant was already revoked or removed: nothing left to change");
    if (decision === "REVOKE") {
      const record = await revokeGrantInTx(tx, actor, grant, context.reason, attributes);
      return {
        remediatedAt: record.occurredAt,
        remediationSequence: record.sequence,
        remediationNote: "grant revoked",
      };
    }
    const { after, widening } = applyNarrowing(grant, context.changes!, context.now);
    if (Object.keys(widening).length)
      throw new AppError("UNPROCESSABLE", "A review can only narrow access, never widen it", widening);
    const record = await narrowGrantInTx(tx, actor, grant, after, attributes);
    return {
      remediatedAt: record.occurredAt,
      remediationSequence: record.sequence,
      remediationNote: "grant narrowed",
      changes: { before: record.before, after: record.after },
    };
  }
  if (decision === "MODIFY")
    throw new AppError("UNPROCESSABLE", "Only a grant can be modified: certify or revoke this item", {
      decision: "Certify or revoke",
    });
  if (decision !== "REVOKE") return none(null);
  if (item.kind === "CREDENTIAL") {
    const credential = await tx.credentialRef.findUnique({ where: { id: item.credentialId! } });
    if (!credential) return none("The credential reference was already removed");
    const record = await deleteCredentialInTx(tx, actor, credential, attributes);
    return {
      remediatedAt: record.occurredAt,
      remediationSequence: record.sequence,
      remediationNote: "credential reference removed",
    };
  }
  const server = await tx.mcpServer.findUnique({
    where: { id: item.serverId },
    select: { id: true, primaryOwnerId: true },
  });
  if (!server?.primaryOwnerId) return none("The server had no primary owner left to remove");
  const record = await removePrimaryOwnerInTx(tx, actor, server, attributes);
  return {
    remediatedAt: record.occurredAt,
    remediationSequence: record.sequence,
    remediationNote: "primary owner removed",
  };
}
