import { checkpointMessage, evidenceSigner, type Signer } from "@/lib/audit/signing-key";
import { auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PackMeta } from "@/lib/evidence/zip-pack";
import { AppError } from "@/lib/errors";
import type { ChainHead } from "./audit-export-chunks";

/** Packs are signed or not made at all: an unsigned "evidence" pack would prove nothing. */
export function packSigner(): Signer {
  const signer = evidenceSigner();
  if (!signer)
    throw new AppError("CONFLICT", "Evidence packs are signed: set WARDEN_SIGNING_KEY (an Ed25519 PKCS#8 PEM) first");
  return signer;
}

/** Who, when, with which filters, and where the audit chain stood: the unsigned half of a manifest. */
export async function packMeta(
  actor: Actor,
  report: string,
  filters: Record<string, string>,
  head?: ChainHead,
  p: PrismaClient = db(),
): Promise<PackMeta> {
  const chainHead =
    head !== undefined
      ? head
      : await p.auditEvent
          .findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, hash: true } })
          .then((h) => (h ? { sequence: h.sequence.toString(), hash: h.hash } : null));
  const cp = await p.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" }, include: { key: true } });
  return {
    report,
    generatedAt: new Date().toISOString(),
    generatedBy: auditActor(actor),
    filters,
    auditChain: {
      head: chainHead,
      latestCheckpoint: cp
        ? {
            sequence: cp.sequence.toString(),
            hash: cp.hash,
            keyId: cp.keyId,
            signature: cp.signature,
            publicKey: cp.key.publicKey,
            createdAt: cp.createdAt.toISOString(),
            message: checkpointMessage(cp.sequence, cp.hash),
          }
        : null,
    },
  };
}
