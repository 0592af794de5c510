import { checkpointDir, writeAnchor } from "@/lib/audit/anchor-folder";
import { anchorOf } from "@/lib/audit/checkpoint-anchor";
import { sendToSinks } from "@/lib/audit/checkpoint-sinks";
import { checkpointMessage, evidenceSigner } from "@/lib/audit/signing-key";
import { db } from "@/lib/db/client";
import { enqueueWebhookPayload } from "@/lib/services/webhooks/shared/enqueue-webhook-payload";

/** While the chain moves, a checkpoint at least once a minute, and after at most 10,000 records. */
export const CHECKPOINT_EVERY_MS = 60_000;
export const CHECKPOINT_EVERY_EVENTS = 10_000n;

// One instance at a time signs: the others see the lock taken and skip, instead of signing the same head.
const CHECKPOINT_LOCK = 7_305_112_003;

type Options = {
  now?: Date;
  /** Sign only when this returns true (default: whenever the chain moved since the last checkpoint). */
  due?: (since: bigint, ageMs: number) => boolean;
  /** The anchors folder; `null` writes none. Default: WARDEN_CHECKPOINT_DIR (or the embedded default). */
  anchorsDir?: string | null;
};

/**
 * Signs the chain head when it moved since the last checkpoint, and sends the checkpoint outside the
 * database: the webhook stream (queued in the same transaction), then the anchors folder and any
 * registered sinks (after the commit, so nothing outside ever names a checkpoint the database lacks).
 * Returns null when there was nothing to sign, or another instance was signing.
 */
export async function writeCheckpoint(options: Options = {}) {
  const signer = evidenceSigner();
  if (!signer) return null;
  const now = options.now ?? new Date();
  const checkpoint = await db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(${CHECKPOINT_LOCK}) AS locked`,
    );
    if (!locked) return null;
    const head = await tx.auditEvent.findFirst({
      orderBy: { sequence: "desc" },
      select: { sequence: true, hash: true },
    });
    const last = await tx.auditCheckpoint.findFirst({
      orderBy: { sequence: "desc" },
      select: { sequence: true, createdAt: true },
    });
    if (!head || (last && head.sequence <= last.sequence)) return null;
    const since = head.sequence - (last?.sequence ?? 0n);
    const age = last ? now.getTime() - last.createdAt.getTime() : Infinity;
    if (options.due && !options.due(since, age)) return null;
    // INSERT … ON CONFLICT DO NOTHING: the application's role may insert here, never update.
    await tx.signingKey.createMany({
      data: [{ id: signer.keyId, publicKey: signer.publicKeyPem }],
      skipDuplicates: true,
    });
    const created = await tx.auditCheckpoint.create({
      data: {
        sequence: head.sequence,
        hash: head.hash,
        keyId: signer.keyId,
        signature: signer.sign(checkpointMessage(head.sequence, head.hash)),
        createdAt: now,
      },
    });
    await enqueueWebhookPayload(tx, "audit.checkpoint", anchorOf(created));
    return created;
  });
  if (checkpoint)
    await publishCheckpoint(checkpoint, options.anchorsDir === undefined ? checkpointDir() : options.anchorsDir);
  return checkpoint;
}

async function publishCheckpoint(checkpoint: Parameters<typeof anchorOf>[0], dir: string | null) {
  const anchor = anchorOf(checkpoint);
  const failures: string[] = [];
  if (dir) await writeAnchor(dir, anchor).catch((e: Error) => failures.push(`anchors folder: ${e.message}`));
  failures.push(...(await sendToSinks(anchor)));
  if (failures.length)
    throw new Error(`Checkpoint #${anchor.sequence} is stored, but did not reach: ${failures.join("; ")}`);
}

/** The clock's (and ingest's) call: once a minute while the chain moves, or every 10,000 records. */
export const maybeCheckpoint = (now = new Date()) =>
  writeCheckpoint({ now, due: (since, age) => since >= CHECKPOINT_EVERY_EVENTS || age >= CHECKPOINT_EVERY_MS });
