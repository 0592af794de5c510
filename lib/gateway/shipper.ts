import { storableEvent } from "@/lib/ingest/storable-event";
import type { GatewayEvent } from "./audit-event";
import type { Logger } from "./logger";
import type { Spool } from "./spool";
import type { IngestAnswer, WardenClient } from "./warden-client";

const BATCH = 1_000;
const SEGMENTS_PER_ROUND = 64;
/** Held events are offered again after the ship interval, doubling up to this. */
const MAX_HELD_BACKOFF_MS = 5 * 60_000;

/** Answers that say "not these events, as sent": the batch is split until each refused event stands alone. */
const REFUSED = new Set([400, 413, 422]);

type Refusal = { event: GatewayEvent; reason: string };

/**
 * Ships the spool to Warden's ingest API on a clock, oldest first. Warden answers per event: what it
 * stored (or already had) is deleted from the spool; what it refused is held in the spool and offered
 * again with backoff, counted (metrics, /healthz) and logged as an error. Nothing is moved aside unseen.
 */
export class Shipper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private heldBackoffMs: number;
  private heldDueAt = 0;
  lastError: string | null = null;
  shipped = 0;

  constructor(
    private readonly spool: Spool,
    private readonly warden: Pick<WardenClient, "ingest">,
    private readonly intervalMs: number,
    private readonly log: Logger = () => {},
  ) {
    this.heldBackoffMs = intervalMs;
  }

  start(): void {
    // What a previous run left behind goes first.
    void this.flush();
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: at most one at a time. Resolves when the round ends (shipped or not); never rejects. */
  flush(): Promise<void> {
    this.running ??= this.round()
      .catch((error) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.log("audit shipping round failed; it is retried", { level: "warn", error: this.lastError });
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const files = this.spool.rotate().slice(0, SEGMENTS_PER_ROUND);
    if (files.length) await this.ship(files, false);
    if (Date.now() >= this.heldDueAt) {
      const held = this.spool.heldSegments().slice(0, SEGMENTS_PER_ROUND);
      if (held.length) await this.ship(held, true);
    }
  }

  /** Ships the events of these files; deletes the files once every event is stored or held. */
  private async ship(files: string[], held: boolean): Promise<void> {
    const events = this.spool.read(files).map(storableEvent);
    const refused: Refusal[] = [];
    for (let i = 0; i < events.length; i += BATCH) refused.push(...(await this.send(events.slice(i, i + BATCH))));
    if (refused.length) {
      this.spool.hold(refused.map((r) => r.event));
      this.heldDueAt = Date.now() + this.heldBackoffMs;
      this.heldBackoffMs = Math.min(this.heldBackoffMs * 2, MAX_HELD_BACKOFF_MS);
      this.log("audit events refused by Warden are held in the spool and retried", {
        level: "error",
        events: refused.length,
        retryInMs: this.heldDueAt - Date.now(),
        reasons: [...new Set(refused.map((r) => r.reason))].slice(0, 5),
      });
      this.lastError = `Warden refused ${refused.length} audit event(s); they are held and retried`;
    } else {
      if (held) this.heldBackoffMs = this.intervalMs;
      this.lastError = null;
    }
    this.spool.ack(files);
    this.shipped += events.length - refused.length;
  }

  /**
   * One batch: Warden's per-event answer names what it refused. A batch refused whole (an all-or-nothing
   * Warden, or one too large) is split in halves until the events it refuses stand alone. Throws when
   * Warden cannot be reached or fails: nothing is acknowledged and the round is tried again.
   */
  private async send(events: GatewayEvent[]): Promise<Refusal[]> {
    let answer: IngestAnswer;
    try {
      answer = await this.warden.ingest(events);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (!status || !REFUSED.has(status)) throw error;
      const reason = error instanceof Error ? error.message.slice(0, 300) : String(error);
      if (events.length === 1) return [{ event: events[0], reason }];
      const half = Math.ceil(events.length / 2);
      return [...(await this.send(events.slice(0, half))), ...(await this.send(events.slice(half)))];
    }
    const refused = new Map<number, Refusal>();
    for (const r of answer.rejected)
      if (events[r.index] && !refused.has(r.index))
        refused.set(r.index, { event: events[r.index], reason: `${r.field || "event"}: ${r.message}` });
    return [...refused.values()];
  }
}
