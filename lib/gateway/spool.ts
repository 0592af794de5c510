import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import type { GatewayEvent } from "./audit-event";

type Line = { k: "begin" | "done"; e: GatewayEvent };

export class SpoolFullError extends Error {}

/**
 * The durable, on-disk queue of audit events between a gateway and Warden: append-only NDJSON
 * segments. A forwarded call writes a "begin" line before it reaches the upstream and a "done" line
 * after, so a call that was running when the process died is still reported (as interrupted), and a
 * call whose begin line cannot be written never runs. Lines go to the kernel with write(2) before the
 * call proceeds: a killed process loses nothing; `fsync` also covers a power cut.
 *
 * Shipping rotates the segment, reads the closed ones, and deletes them only once Warden stored them:
 * at least once, with stable event ids that Warden's ingest de-duplicates.
 */
export class Spool {
  private fd = -1;
  private current = "";
  private currentBytes = 0;
  private totalBytes = 0;
  private seq = 0;
  /** begin lines of calls still running, re-written into each new segment */
  private inflight = new Map<string, string>();
  /** ids carried forward out of each closed segment: their begin there is not the last word */
  private carried = new Map<string, Set<string>>();

  constructor(
    private readonly dir: string,
    private readonly opts: { maxBytes: number; fsync: boolean },
  ) {}

  open(): void {
    mkdirSync(this.dir, { recursive: true });
    this.totalBytes = this.closedSegments().reduce((n, f) => n + statSync(f).size, 0);
    this.openSegment();
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Before forwarding: throws (and the call must be refused) when the line cannot be written. */
  begin(e: GatewayEvent): void {
    const line = JSON.stringify({ k: "begin", e } satisfies Line) + "\n";
    this.write(line);
    this.inflight.set(e.eventId, line);
  }

  /** The final record of a call (a denied one has only this). */
  done(e: GatewayEvent): void {
    this.write(JSON.stringify({ k: "done", e } satisfies Line) + "\n");
    this.inflight.delete(e.eventId);
  }

  /** Closes the current segment when it holds anything, and lists every closed segment, oldest first. */
  rotate(): string[] {
    if (this.currentBytes > 0) {
      const closed = this.current;
      this.close();
      this.carried.set(closed, new Set(this.inflight.keys()));
      this.openSegment();
      for (const line of this.inflight.values()) this.write(line, true);
    }
    return this.closedSegments();
  }

  /** The events of closed segments, merged by id (a done line wins), without calls carried forward. */
  read(files: string[]): GatewayEvent[] {
    const events = new Map<string, { e: GatewayEvent; done: boolean }>();
    for (const file of files) {
      const carried = this.carried.get(file);
      for (const raw of readFileSync(file, "utf8").split("\n")) {
        if (!raw) continue;
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          continue; // a torn last line: its call never got past the spool write, so it never ran
        }
        const id = line.e.eventId;
        if (line.k === "done") events.set(id, { e: line.e, done: true });
        else if (!carried?.has(id) && !this.inflight.has(id) && !events.get(id)?.done)
          events.set(id, { e: line.e, done: false });
      }
    }
    return [...events.values()].map(({ e, done }) =>
      done
        ? e
        : {
            ...e,
            outcome: "error" as const,
            errorType: "gateway_interrupted",
            responseSummary: "the gateway stopped while this call was running; its result is unknown",
          },
    );
  }

  /** Warden stored these segments: delete them. */
  ack(files: string[]): void {
    for (const f of files) {
      this.totalBytes -= statSync(f).size;
      unlinkSync(f);
      this.carried.delete(f);
    }
  }

  /** Warden refused these segments as invalid: keep them aside for an operator instead of retrying forever. */
  reject(files: string[]): void {
    const dead = path.join(this.dir, "rejected");
    mkdirSync(dead, { recursive: true });
    for (const f of files) {
      this.totalBytes -= statSync(f).size;
      renameSync(f, path.join(dead, path.basename(f)));
      this.carried.delete(f);
    }
  }

  private closedSegments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".ndjson"))
      .map((f) => path.join(this.dir, f))
      .filter((f) => f !== this.current)
      .sort();
  }

  private openSegment(): void {
    const name = `${String(Date.now()).padStart(15, "0")}-${process.pid}-${String(this.seq++).padStart(6, "0")}.ndjson`;
    this.current = path.join(this.dir, name);
    this.fd = openSync(this.current, "a");
    this.currentBytes = 0;
  }

  private write(line: string, carriedForward = false): void {
    const size = Buffer.byteLength(line);
    if (!carriedForward && this.totalBytes + size > this.opts.maxBytes)
      throw new SpoolFullError(`the audit spool is full (${this.opts.maxBytes} bytes)`);
    writeSync(this.fd, line);
    if (this.opts.fsync) fsyncSync(this.fd);
    this.currentBytes += size;
    this.totalBytes += size;
  }
}
