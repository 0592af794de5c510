import { acquireLease, LEASE_RENEW_MS, LEASE_TTL_MS, releaseLease } from "./job-lease";

/** A lease no run used for this long is given up, so a job that moved elsewhere (or a deleted target) frees it. */
const IDLE_MS = 60_000;

type Held = { validUntil: number; lastUsed: number; runs: Set<AbortController> };
const state = globalThis as typeof globalThis & { __wardenLeases?: Map<string, Held>; __wardenLeaseKeeper?: boolean };
const held = () => (state.__wardenLeases ??= new Map());

/** Asks for the lease; `validUntil` is counted from before the request, so it never outlives the database's. */
async function take(name: string): Promise<Held | null> {
  const start = Date.now();
  if (!(await acquireLease(name))) return null;
  return { validUntil: start + LEASE_TTL_MS, lastUsed: start, runs: new Set() };
}

function drop(name: string, h: Held) {
  h.runs.forEach((run) => run.abort(new Error(`lease ${name} lost`)));
  held().delete(name);
}

/** Renews every held lease on one clock, during runs and between them; a lease it cannot renew in time aborts its runs. */
async function renewAll() {
  for (const [name, h] of held()) {
    if (h.runs.size === 0 && Date.now() - h.lastUsed > IDLE_MS) {
      held().delete(name);
      await releaseLease(name).catch(() => {});
      continue;
    }
    const start = Date.now();
    const renewed = await acquireLease(name).catch(() => undefined);
    if (renewed) h.validUntil = start + LEASE_TTL_MS;
    else if (renewed === false || h.validUntil - Date.now() < LEASE_RENEW_MS) drop(name, h);
  }
}

function startKeeper() {
  if (state.__wardenLeaseKeeper) return;
  state.__wardenLeaseKeeper = true;
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    void renewAll().finally(() => (busy = false));
  };
  setInterval(tick, LEASE_RENEW_MS).unref();
}

/**
 * Runs `task` only while this instance holds the lease `name` (a singleton job): it takes the lease
 * when free or expired, keeps it renewed while the task runs (and for a while after, so the same
 * instance keeps the job), and aborts the task's signal when the lease is lost. Returns `ran: false`
 * when another instance holds it. A database error propagates: when Warden cannot tell who holds a
 * job, nobody runs it.
 */
export async function underLease<T>(
  name: string,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  let h = held().get(name);
  if (!h || h.validUntil - Date.now() < LEASE_RENEW_MS) {
    const taken = await take(name);
    if (!taken) {
      if (h) drop(name, h);
      return { ran: false };
    }
    if (h) h.validUntil = taken.validUntil;
    else held().set(name, (h = taken));
  }
  startKeeper();
  const run = new AbortController();
  h.runs.add(run);
  try {
    return { ran: true, value: await task(run.signal) };
  } finally {
    h.runs.delete(run);
    h.lastUsed = Date.now();
  }
}

/** Gives up every lease this instance holds (a clean stop): the next instance takes over at once. */
export async function releaseHeldLeases(): Promise<void> {
  const names = [...held().keys()];
  held().clear();
  await Promise.all(names.map((name) => releaseLease(name).catch(() => {})));
}
