import { checkpointMessage, checkpointSigner } from "@/lib/audit/signing-key";
import { db } from "@/lib/db/client";

export const CHECKPOINT_EVERY_EVENTS = 10_000n;
export const CHECKPOINT_EVERY_MS = 3_600_000;

/** Signs the current chain head and stores the checkpoint with the public key that verifies it. */
export async function writeCheckpoint(now = new Date()) {
  const signer = checkpointSigner();
  if (!signer) return null;
  const head = await db().auditEvent.findFirst({
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  if (!head) return null;
  await db().signingKey.upsert({
    where: { id: signer.keyId },
    create: { id: signer.keyId, publicKey: signer.publicKeyPem },
    update: {},
  });
  return db().auditCheckpoint.create({
    data: {
      sequence: head.sequence,
      hash: head.hash,
      keyId: signer.keyId,
      signature: signer.sign(checkpointMessage(head.sequence, head.hash)),
      createdAt: now,
    },
  });
}

/** Every 10,000 events or every hour, whichever comes first (and only if the chain moved). */
export async function maybeCheckpoint(now = new Date()) {
  const [last, head] = await Promise.all([
    db().auditCheckpoint.findFirst({ orderBy: { sequence: "desc" } }),
    db().auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } }),
  ]);
  if (!head || (last && head.sequence <= last.sequence)) return null;
  const since = head.sequence - (last?.sequence ?? 0n);
  const age = last ? now.getTime() - last.createdAt.getTime() : Infinity;
  if (since >= CHECKPOINT_EVERY_EVENTS || age >= CHECKPOINT_EVERY_MS) return writeCheckpoint(now);
  return null;
}
