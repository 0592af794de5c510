import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { countDecisions, type DecisionCount } from "@/lib/ingest/decision-rollup";
import { recordAudit, type AuditInput } from "./record-audit";

/** A change and the audit record that describes it (and, for a decision, its rollup count), committed together. */
export type AuditedWork<T> = (tx: Tx) => Promise<{ result: T; audit: AuditInput; decision?: DecisionCount }>;

type Pending = {
  work: AuditedWork<unknown>;
  pure: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type State = { queue: Pending[]; flushing: boolean };

const MAX_BATCH = 500;
const holder = globalThis as typeof globalThis & { __wardenAuditQueue?: State };

/**
 * Group commit for the decision hot path. Work that arrives while a transaction is in flight runs in
 * the next one, each item inside its own savepoint (one failure rejects only its caller), and all their
 * audit records are appended at the end of that same transaction. A caller's promise settles only after
 * the commit: nothing is acknowledged before it is durable, no change commits without its record, and
 * the chain lock is taken once per batch instead of once per call.
 */
export function runAudited<T>(work: AuditedWork<T>, pure = false): Promise<T> {
  const state = (holder.__wardenAuditQueue ??= { queue: [], flushing: false });
  const done = new Promise<T>((resolve, reject) =>
    state.queue.push({ work, pure, resolve: resolve as (v: unknown) => void, reject }),
  );
  if (!state.flushing) void flush(state);
  return done;
}

/** Just a record (and a decision count): nothing to roll back, so no savepoint round trips. */
export const appendAudited = (audit: AuditInput, decision?: DecisionCount) =>
  runAudited(async () => ({ result: undefined, audit, decision }), true);

async function runBatch(batch: Pending[]) {
  const outcomes: ({ ok: true; result: unknown } | { ok: false; error: unknown })[] = [];
  await db().$transaction(
    async (tx) => {
      const audits: AuditInput[] = [];
      const decisions: DecisionCount[] = [];
      for (const item of batch) {
        if (item.pure) {
          const { result, audit, decision } = await item.work(tx);
          audits.push(audit);
          if (decision) decisions.push(decision);
          outcomes.push({ ok: true, result });
          continue;
        }
        await tx.$executeRawUnsafe("SAVEPOINT audited_work");
        try {
          const { result, audit, decision } = await item.work(tx);
          await tx.$executeRawUnsafe("RELEASE SAVEPOINT audited_work");
          audits.push(audit);
          if (decision) decisions.push(decision);
          outcomes.push({ ok: true, result });
        } catch (error) {
          await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT audited_work");
          outcomes.push({ ok: false, error });
        }
      }
      await recordAudit(tx, audits);
      await countDecisions(tx, decisions);
    },
    { timeout: 30_000 },
  );
  return outcomes;
}

async function flush(state: State) {
  state.flushing = true;
  try {
    while (state.queue.length > 0) {
      const batch = state.queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await runBatch(batch);
        batch.forEach((item, i) => {
          const o = outcomes[i];
          if (o.ok) item.resolve(o.result);
          else item.reject(o.error);
        });
      } catch (error) {
        batch.forEach((item) => item.reject(error));
      }
    }
  } finally {
    state.flushing = false;
  }
}
