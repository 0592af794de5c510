import { connection } from "./client";
import type { Connection } from "./connection";
import type { Tx } from "./tx";

/** The channel every registry change is announced on, at its commit. */
const REGISTRY_CHANNEL = "warden_registry";

/** Counts the registry changes this instance heard of, and wakes whoever waits for the next one. */
export class RegistrySignal {
  generation = 0;
  private readonly waiters = new Set<() => void>();

  readonly fire = () => {
    this.generation++;
    const waiting = [...this.waiters];
    this.waiters.clear();
    waiting.forEach((wake) => wake());
  };

  /** Resolves at the first change heard after generation `since`, after `ms`, or when `signal` aborts. */
  wait(since: number, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== since || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
      this.waiters.add(done);
    });
  }
}

const signals = new WeakMap<Connection, Promise<RegistrySignal>>();

/**
 * This instance's one LISTEN on the registry channel (per connection), opened at first use: PostgreSQL
 * delivers every instance's NOTIFY to it, PGlite its own process's.
 */
export function registrySignal(conn = connection()): Promise<RegistrySignal> {
  let pending = signals.get(conn);
  if (!pending) {
    const signal = new RegistrySignal();
    pending = conn.listen(REGISTRY_CHANNEL, signal.fire).then(() => signal);
    signals.set(conn, pending);
    pending.catch(() => signals.delete(conn));
  }
  return pending;
}

/** Inside the change's transaction: every instance listening hears of it when (and only if) it commits. */
export async function notifyRegistryChanged(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM (SELECT pg_notify('${REGISTRY_CHANNEL}', '')) AS n`);
}
