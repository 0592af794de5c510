import type { Logger } from "./logger";
import type { GatewayEvent } from "./audit-event";
import type { Spool } from "./spool";
import type { WardenClient } from "./warden-client";

const BATCH = 1_000;
const SEGMENTS_PER_ROUND = 64;

/** Ships the spool to Warden's ingest API on a clock, oldest first; deletes only what Warden stored. */
export class Shipper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  lastError: string | null = null;
  shipped = 0;

  constructor(
    private readonly spool: Spool,
    private readonly warden: Pick<WardenClient, "ingest">,
    private readonly intervalMs: number,
    private readonly log: Logger = () => {},
  ) {}

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

  /** One round: at most one at a time. Resolves when the round ends (shipped or not). */
  flush(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const files = this.spool.rotate().slice(0, SEGMENTS_PER_ROUND);
    if (files.length === 0) return;
    let events: GatewayEvent[];
    try {
      events = this.spool.read(files);
    } catch (error) {
      this.lastError = `cannot read the spool: ${error instanceof Error ? error.message : error}`;
      return;
    }
    try {
      for (let i = 0; i < events.length; i += BATCH) await this.warden.ingest(events.slice(i, i + BATCH));
    } catch (error) {
      const status = (error as { status?: number }).status;
      this.lastError = error instanceof Error ? error.message : String(error);
      if (status === 400 || status === 413 || status === 422) {
        // Warden will never take these as they are: keep them for an operator rather than block the queue.
        this.log("audit events refused by Warden, moved to rejected segments", {
          level: "error",
          segments: files.length,
          error: this.lastError,
        });
        this.spool.reject(files);
      }
      return;
    }
    this.spool.ack(files);
    this.shipped += events.length;
    this.lastError = null;
  }
}
