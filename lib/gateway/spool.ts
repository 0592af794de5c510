import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { storableEvent } from "@/lib/ingest/storable-event";
import type { GatewayEvent } from "./audit-event";

type Line = { k: "begin" | "done"; e: GatewayEvent };

export class SpoolFullError extends Error {}
/** The spool's directory cannot be written (read-only, full, gone): calls are refused until it can. */
export class SpoolUnavailableError extends Error {}

/** Final records kept in memory while the disk fails, written when it recovers; past this many they are counted as lost. */
const MAX_UNWRITTEN = 10_000;

const lineOf = (k: Line["k"], e: GatewayEvent) => JSON.stringify({ k, e } satisfies Line) + "\n";

/**
 * The durable, on-disk queue of audit events between a gateway and Warden: append-only NDJSON
 * segments. A forwarded call writes a "begin" line before it reaches the upstream and a "done" line
 * after, so a call that was running when the process died is still reported (as interrupted), and a
 * call whose begin line cannot be written never runs. Lines go to the kernel with write(2) before the
 * call proceeds: a killed process loses nothing; `fsync` also covers a power cut. Every event is made
 * storable (lib/ingest/storable-event.ts) before it is written, so Warden's ingest takes each one.
 *
 * When the directory cannot be written (read-only, full, removed), the spool closes its segment and
 * every begin() throws until a write succeeds again; each shipping round tries to reopen it, so it
 * recovers by itself. Final records of calls that ran meanwhile wait in memory and are written first.
 *
 * Shipping rotates the segment, reads the closed ones, and deletes them only once Warden stored them:
 * at least once, with stable event ids that Warden's ingest de-duplicates. Events Warden refused are
 * held in `held/` and offered again later; never moved aside unseen.
 */
export class Spool {
  private fd = -1;
  private current = "";
  private currentBytes = 0;
  private totalBytes = 0;
  private seq = 0;
  /** begin lines of calls still running, re-written into each new segment */
  private inflight = new Map<string, string>();
  /** done lines the failing disk did not take, by event id: written first when it recovers */
  private unwritten = new Map<string, string>();
  /** ids carried forward out of each closed segment: their begin there is not the last word */
  private carried = new Map<string, Set<string>>();
  /** events in each held file */
  private heldFiles = new Map<string, number>();
  /** Why the spool cannot be written now; null while it can. */
  failure: string | null = null;
  /** Final records dropped because the disk failed for longer than memory could bridge. */
  lost = 0;

  constructor(
    private readonly dir: string,
    private readonly opts: { maxBytes: number; fsync: boolean },
  ) {}

  private get heldDir() {
    return path.join(this.dir, "held");
  }

  /** Opens a new segment; a directory that cannot be written leaves the spool failed (calls refused), not the process down. */
  open(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      this.totalBytes = this.closedSegments().reduce((n, f) => n + statSync(f).size, 0);
      for (const f of this.heldSegments()) {
        this.heldFiles.set(f, readFileSync(f, "utf8").split("\n").filter(Boolean).length);
        this.totalBytes += statSync(f).size;
      }
      this.recover();
    } catch {
      // recover() recorded why; the next begin() or shipping round tries again.
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** True while a line can be written: /healthz answers 503 otherwise. */
  get writable(): boolean {
    return this.fd >= 0 && this.failure === null;
  }

  /** Events Warden refused, kept in held/ and offered again. */
  get heldEvents(): number {
    let n = 0;
    for (const c of this.heldFiles.values()) n += c;
    return n;
  }

  /** Before forwarding: throws (and the call must be refused) when the line cannot be written. */
  begin(event: GatewayEvent): void {
    const e = storableEvent(event);
    const line = lineOf("begin", e);
    this.write(line);
    this.inflight.set(e.eventId, line);
  }

  /**
   * The final record of a call (a denied one has only this). Throws when it cannot be written; a record
   * the disk refused is kept in memory and written once the disk recovers.
   */
  done(event: GatewayEvent): void {
    const e = storableEvent(event);
    const line = lineOf("done", e);
    const began = this.inflight.has(e.eventId);
    try {
      // A call that began is already counted against the limit: its end is always taken.
      this.write(line, began);
    } catch (error) {
      // Still in flight as the segment closed, so its begin there is carried, not read as interrupted.
      if (!(error instanceof SpoolFullError)) {
        if (this.unwritten.size < MAX_UNWRITTEN) this.unwritten.set(e.eventId, line);
        else this.lost++;
      }
      throw error;
    } finally {
      this.inflight.delete(e.eventId);
    }
  }

  /** Closes the current segment when it holds anything, and lists every closed segment, oldest first. */
  rotate(): string[] {
    try {
      if (this.fd < 0) this.recover();
      else {
        // A directory turned read-only under an open segment is found here, not at the next call.
        accessSync(this.dir, constants.W_OK);
        if (this.currentBytes > 0) {
          this.closeSegment();
          this.recover();
        }
      }
    } catch (error) {
      // The spool is failed (refusing calls) until a new segment opens: closed segments still ship.
      if (this.fd >= 0) this.fail(error);
    }
    try {
      return this.closedSegments();
    } catch {
      return [];
    }
  }

  /** The events of closed or held files, merged by id (a done line wins), without calls carried forward. */
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
        else if (!carried?.has(id) && !this.inflight.has(id) && !this.unwritten.has(id) && !events.get(id)?.done)
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

  /** Warden stored these segments (closed or held): delete them. */
  ack(files: string[]): void {
    for (const f of files) {
      const size = statSync(f).size;
      unlinkSync(f);
      this.totalBytes -= size;
      this.carried.delete(f);
      this.heldFiles.delete(f);
    }
  }

  /** Held files of events Warden refused, oldest first. */
  heldSegments(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.heldDir);
    } catch {
      return [];
    }
    return names
      .filter((f) => f.endsWith(".ndjson"))
      .map((f) => path.join(this.heldDir, f))
      .sort();
  }

  /** Keeps events Warden refused in a held file (whole, or not at all), to offer them again later. */
  hold(events: GatewayEvent[]): void {
    if (events.length === 0) return;
    mkdirSync(this.heldDir, { recursive: true });
    const file = path.join(this.heldDir, this.segmentName());
    const tmp = `${file}.tmp`;
    const text = events.map((e) => lineOf("done", e)).join("");
    writeFileSync(tmp, text, { flush: true });
    renameSync(tmp, file);
    this.heldFiles.set(file, events.length);
    this.totalBytes += Buffer.byteLength(text);
  }

  private closedSegments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".ndjson"))
      .map((f) => path.join(this.dir, f))
      .filter((f) => f !== this.current || this.fd < 0)
      .sort();
  }

  private segmentName(): string {
    return `${String(Date.now()).padStart(15, "0")}-${process.pid}-${String(this.seq++).padStart(6, "0")}.ndjson`;
  }

  /** Closes the open segment; the calls still running there are carried into the next one. */
  private closeSegment(): void {
    if (this.fd < 0) return;
    this.carried.set(this.current, new Set(this.inflight.keys()));
    try {
      closeSync(this.fd);
    } catch {
      // closing a descriptor on a failed disk may itself fail; it is closed either way
    }
    this.fd = -1;
  }

  /** A new segment, with the begin lines of running calls and the final records the disk refused: or the spool stays failed. */
  private recover(): void {
    try {
      const file = path.join(this.dir, this.segmentName());
      this.fd = openSync(file, "a");
      this.current = file;
      this.currentBytes = 0;
      for (const line of this.inflight.values()) this.append(line);
      for (const line of this.unwritten.values()) this.append(line);
      this.unwritten.clear();
      this.failure = null;
    } catch (error) {
      this.fail(error);
      throw new SpoolUnavailableError(`the audit spool cannot be written: ${this.failure}`);
    }
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.closeSegment();
  }

  private append(line: string): void {
    writeSync(this.fd, line);
    if (this.opts.fsync) fsyncSync(this.fd);
    const size = Buffer.byteLength(line);
    this.currentBytes += size;
    this.totalBytes += size;
  }

  private write(line: string, alwaysTaken = false): void {
    if (!alwaysTaken && this.totalBytes + Buffer.byteLength(line) > this.opts.maxBytes)
      throw new SpoolFullError(`the audit spool is full (${this.opts.maxBytes} bytes)`);
    if (this.fd < 0) this.recover();
    try {
      this.append(line);
    } catch (error) {
      this.fail(error);
      throw new SpoolUnavailableError(`the audit spool cannot be written: ${this.failure}`);
    }
  }
}
