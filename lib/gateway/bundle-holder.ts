import { setTimeout as sleep } from "node:timers/promises";
import { decodeBundle, type LoadedBundle } from "@/lib/policy/bundle-codec";
import type { WardenClient } from "./warden-client";

export type BundleView = { ok: true; bundle: LoadedBundle } | { ok: false; reason: string; bundle?: LoadedBundle };

/**
 * The gateway's copy of the policy bundle, kept current by a long poll. A change reaches it as soon
 * as Warden sees it (Warden wakes held polls on every registry change, and re-checks every second). When Warden has not answered for `maxAgeMs`, the
 * bundle is stale and every decision fails closed until a fresh one arrives.
 */
export class BundleHolder {
  private bundle: LoadedBundle | null = null;
  private lastContact = 0;
  private stopped = new AbortController();
  private listeners = new Set<(b: LoadedBundle) => void>();
  lastError: string | null = null;

  constructor(
    private readonly warden: WardenClient,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The bundle decisions may use now, or why there is none. */
  view(): BundleView {
    if (!this.bundle) return { ok: false, reason: "the gateway has no policy bundle from Warden yet" };
    const age = this.now() - this.lastContact;
    if (age > this.maxAgeMs)
      return {
        ok: false,
        bundle: this.bundle,
        reason: `Warden has not been reachable for ${Math.round(age / 1000)} s (bundle_max_age ${this.maxAgeMs / 1000} s); failing closed`,
      };
    return { ok: true, bundle: this.bundle };
  }

  ageMs(): number | null {
    return this.bundle ? this.now() - this.lastContact : null;
  }

  onChange(listener: (b: LoadedBundle) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches the first bundle (throws if Warden cannot give one), then keeps polling in the background. */
  async start(): Promise<void> {
    await this.poll(0);
    void this.loop();
  }

  stop(): void {
    this.stopped.abort();
  }

  /**
   * Only an answer that vouches for a bundle counts as contact: a 304 for the very ETag held, or a 200
   * whose body decodes. A 503 (a stopping Warden), a cut connection, a 304 for another ETag or a body
   * that does not decode throw before freshness moves, so the bundle ages out after `maxAgeMs`.
   */
  private async poll(waitSeconds: number): Promise<void> {
    const held = this.bundle?.etag ?? null;
    const res = await this.warden.bundle(held, waitSeconds, this.stopped.signal);
    if (res.status === 304) {
      if (held === null || res.etag !== held)
        throw new Error(`Warden answered 304 for ETag ${res.etag ?? "(none)"}, not for the bundle held (${held})`);
      this.lastContact = this.now();
      return;
    }
    const next = decodeBundle(res.text);
    this.bundle = next;
    this.lastContact = this.now();
    for (const l of this.listeners) l(next);
  }

  private async loop(): Promise<void> {
    // Answer well inside max age, so a quiet but healthy Warden never looks unreachable.
    const wait = Math.max(1, Math.min(30, Math.floor(this.maxAgeMs / 2000)));
    let backoff = 250;
    while (!this.stopped.signal.aborted) {
      try {
        await this.poll(wait);
        this.lastError = null;
        backoff = 250;
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        await sleep(backoff, undefined, { signal: this.stopped.signal }).catch(() => {});
        backoff = Math.min(backoff * 2, 2_000);
      }
    }
  }
}
