import type { TCheckpointAnchor } from "@/lib/schemas/checkpoint-anchor";

type CheckpointRow = { sequence: bigint; hash: string; keyId: string; signature: string; createdAt: Date };

/** A stored checkpoint in the form it takes outside the database. */
export const anchorOf = (cp: CheckpointRow): TCheckpointAnchor => ({
  type: "warden.audit.checkpoint",
  version: 1,
  sequence: cp.sequence.toString(),
  hash: cp.hash,
  keyId: cp.keyId,
  signature: cp.signature,
  createdAt: cp.createdAt.toISOString(),
});
