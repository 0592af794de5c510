import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "./client";

/**
 * How long a Warden instance may act on what it read from the database before reading it again.
 * It bounds how late another instance's change (a revoked token, a suspended server, the org pause)
 * takes effect here: under a second, as the decision API promises.
 */
export const FRESH_FOR_MS = 500;

type Entry<V> = { value: V; at: number };
type State<V> = { entries: Map<string, Entry<V>>; bypassUntil: number; generation: number };

// Shared through globalThis: route handlers are separate bundles, and a change made through one (a
// revoked token) must reach the cache another one (the decision API) reads.
const holder = globalThis as typeof globalThis & {
  __wardenShortCaches?: Map<string, WeakMap<PrismaClient, State<unknown>>>;
};

/**
 * Values read from the database and reused for at most FRESH_FOR_MS, per database connection.
 *
 * `invalidate()` is for this instance's own changes. It is called inside the writing transaction,
 * which may still be committing: a read in that window would see the old row. So it also stops
 * caching for one more FRESH_FOR_MS, and a read that started before it never stores its result.
 */
export class ShortCache<V> {
  constructor(
    private readonly name: string,
    private readonly maxEntries = 1_000,
  ) {}

  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const state = this.state();
    const hit = state.entries.get(key);
    if (hit && now - hit.at < FRESH_FOR_MS) return hit.value;
    const generation = state.generation;
    const value = await load();
    // Misses are not kept: a stream of unknown keys (guessed tokens) must not evict the real ones.
    if (value !== undefined && generation === state.generation && now >= state.bypassUntil) {
      if (state.entries.size >= this.maxEntries) state.entries.clear();
      state.entries.set(key, { value, at: now });
    }
    return value;
  }

  invalidate(now = Date.now()): void {
    const state = this.state();
    state.entries.clear();
    state.generation++;
    state.bypassUntil = now + FRESH_FOR_MS;
  }

  private state(): State<V> {
    const caches = (holder.__wardenShortCaches ??= new Map());
    let states = caches.get(this.name);
    if (!states) caches.set(this.name, (states = new WeakMap()));
    const client = db();
    let state = states.get(client) as State<V> | undefined;
    if (!state) states.set(client, (state = { entries: new Map(), bypassUntil: 0, generation: 0 }));
    return state;
  }
}
