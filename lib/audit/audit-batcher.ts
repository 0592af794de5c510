import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { recordAudit, type AuditInput } from "./record-audit";

/** A change and the audit record that describes it (and an optional rollup item), committed together. */
export type AuditedWork<T, R> = (tx: Tx) => Promise<{ result: T; audit: AuditInput; rollup?: R }>;

/** Folds the rollup items of one batch into summary rows, inside the batch's transaction. */
export type RollupHook<R> = (tx: Tx, items: R[]) => Promise<void>;

type Pending<R> = {
  work: AuditedWork<unknown, R>;
  pure: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type State<R> = { queue: Pending<R>[]; flushing: boolean };

const MAX_BATCH = 500;
const holder = globalThis as typeof globalThis & { __wardenAuditQueues?: Map<string, State<never>> };

/**
 * Group commit for a hot path. Work that arrives while a transaction is in flight runs in the next one,
 * each item inside its own savepoint (one failure rejects only its caller), and all their audit records
 * are appended at the end of that same transaction, with the caller's rollup hook. A caller's promise
 * settles only after the commit: nothing is acknowledged before it is durable, no change commits without
 * its record, and the chain lock is taken once per batch instead of once per call.
 */
export function createAuditBatcher<R>(name: string, rollup: RollupHook<R>) {
  const queues = (holder.__wardenAuditQueues ??= new Map());
  const state = () => {
    if (!queues.has(name)) queues.set(name, { queue: [], flushing: false });
    return queues.get(name) as unknown as State<R>;
  };

  function runAudited<T>(work: AuditedWork<T, R>, pure = false): Promise<T> {
    const s = state();
    const done = new Promise<T>((resolve, reject) =>
      s.queue.push({ work, pure, resolve: resolve as (v: unknown) => void, reject }),
    );
    if (!s.flushing) void flush(s, rollup);
    return done;
  }

  /** Just a record (and a rollup item): nothing to roll back, so no savepoint round trips. */
  const appendAudited = (audit: AuditInput, item?: R) =>
    runAudited(async () => ({ result: undefined, audit, rollup: item }), true);

  return { runAudited, appendAudited };
}

async function runBatch<R>(batch: Pending<R>[], rollup: RollupHook<R>) {
  const outcomes: ({ ok: true; result: unknown } | { ok: false; error: unknown })[] = [];
  await db().$transaction(
    async (tx) => {
      const audits: AuditInput[] = [];
      const items: R[] = [];
      for (const item of batch) {
        if (item.pure) {
          const { result, audit, rollup: r } = await item.work(tx);
          audits.push(audit);
          if (r !== undefined) items.push(r);
          outcomes.push({ ok: true, result });
          continue;
        }
        await tx.$executeRawUnsafe("SAVEPOINT audited_work");
        try {
          const { result, audit, rollup: r } = await item.work(tx);
          await tx.$executeRawUnsafe("RELEASE SAVEPOINT audited_work");
          audits.push(audit);
          if (r !== undefined) items.push(r);
          outcomes.push({ ok: true, result });
        } catch (error) {
          await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT audited_work");
          outcomes.push({ ok: false, error });
        }
      }
      await recordAudit(tx, audits);
      await rollup(tx, items);
    },
    { timeout: 30_000 },
  );
  return outcomes;
}

async function flush<R>(state: State<R>, rollup: RollupHook<R>) {
  state.flushing = true;
  try {
    while (state.queue.length > 0) {
      const batch = state.queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await runBatch(batch, rollup);
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
