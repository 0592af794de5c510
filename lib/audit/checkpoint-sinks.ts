import type { TCheckpointAnchor } from "@/lib/schemas/checkpoint-anchor";

/** Somewhere outside the database that receives every signed checkpoint (a SIEM, a ledger…). */
export type CheckpointSink = (anchor: TCheckpointAnchor) => Promise<void>;

// Shared through globalThis: a sink registered at start-up must be seen by every bundle that checkpoints.
const holder = globalThis as typeof globalThis & { __wardenCheckpointSinks?: Map<string, CheckpointSink> };
const sinks = () => (holder.__wardenCheckpointSinks ??= new Map());

/**
 * Adds (or replaces, by name) a sink. Each checkpoint reaches it after it is committed and written to
 * the anchors folder; a sink that throws is reported, and never undoes the checkpoint.
 */
export function registerCheckpointSink(name: string, sink: CheckpointSink): () => void {
  sinks().set(name, sink);
  return () => void sinks().delete(name);
}

/** Hands the checkpoint to every sink; returns the failures, one message each. */
export async function sendToSinks(anchor: TCheckpointAnchor): Promise<string[]> {
  const entries = [...sinks().entries()];
  const results = await Promise.allSettled(entries.map(([, sink]) => sink(anchor)));
  return results.flatMap((r, i) =>
    r.status === "rejected" ? [`${entries[i][0]}: ${(r.reason as Error)?.message}`] : [],
  );
}
