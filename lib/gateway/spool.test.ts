import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readOnlySwitch } from "@/lib/testing/read-only-dir";
import type { GatewayEvent } from "./audit-event";
import { Spool, SpoolUnavailableError } from "./spool";

const event = (eventId: string, over: Partial<GatewayEvent> = {}): GatewayEvent => ({
  eventId,
  timestamp: "2026-11-01T10:00:00.000Z",
  server: "crm",
  agent: "bot",
  method: "tools/call",
  outcome: "success",
  ...over,
});

describe("audit spool on a failing disk", () => {
  const switches: ReturnType<typeof readOnlySwitch>[] = [];
  afterEach(() => {
    for (const s of switches.splice(0)) s.off();
  });

  it("refuses new calls while its directory is read-only, keeps the ends of running calls, and recovers by itself", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spool-ro-"));
    const spool = new Spool(dir, { maxBytes: 1_000_000, fsync: false });
    spool.open();
    spool.begin(event("running"));
    spool.done(event("finished"));
    const ro = readOnlySwitch(dir);
    switches.push(ro);
    ro.on();

    // The shipper's clock: no throw (it used to crash the process), and the spool knows it is failed.
    const closed = spool.rotate();
    expect(spool.writable).toBe(false);
    expect(spool.failure).toMatch(/EROFS|EPERM|read-only|not permitted/i);
    expect(() => spool.begin(event("refused"))).toThrow(SpoolUnavailableError);
    // A call that was running ends while the disk fails: its record waits in memory.
    expect(() => spool.done(event("running", { outcome: "error" }))).toThrow(SpoolUnavailableError);
    // What was already on disk still ships, without the running call read as interrupted.
    expect(spool.read(closed).map((e) => [e.eventId, e.outcome])).toEqual([["finished", "success"]]);
    expect(() => spool.ack(closed)).toThrow();
    expect(spool.rotate()).toEqual(closed);
    expect(spool.writable).toBe(false);

    ro.off();
    const after = spool.rotate();
    expect(spool.writable).toBe(true);
    spool.begin(event("accepted-again"));
    spool.done(event("accepted-again"));
    const all = spool.rotate();
    const events = spool.read(all);
    expect(events.map((e) => [e.eventId, e.outcome]).sort()).toEqual(
      [
        ["accepted-again", "success"],
        ["finished", "success"],
        ["running", "error"],
      ].sort(),
    );
    expect(all.length).toBeGreaterThan(after.length);
    spool.ack(all);
    expect(readdirSync(dir).filter((f) => f.endsWith(".ndjson"))).toHaveLength(1); // the open segment
    spool.close();
  });

  it("starts failed (calls refused, process up) on a read-only directory, and opens once it can", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spool-ro-"));
    const ro = readOnlySwitch(dir);
    switches.push(ro);
    ro.on();
    const spool = new Spool(dir, { maxBytes: 1_000_000, fsync: false });
    expect(() => spool.open()).not.toThrow();
    expect(spool.writable).toBe(false);
    expect(() => spool.begin(event("a"))).toThrow(SpoolUnavailableError);
    ro.off();
    spool.begin(event("b"));
    expect(spool.writable).toBe(true);
    spool.close();
  });

  it("refuses calls on a full disk (ENOSPC), and takes them again once there is room", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spool-full-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "pipe" });
    } catch {
      return; // no right to mount here: the read-only cases above cover a failing disk
    }
    try {
      const spool = new Spool(dir, { maxBytes: 10_000_000, fsync: false });
      spool.open();
      spool.begin(event("running"));
      writeFileSync(path.join(dir, "filler"), Buffer.alloc(60 * 1024));
      const big = { message: "x".repeat(8_000) };
      expect(() => {
        for (let i = 0; i < 10; i++) spool.begin(event(`fill-${i}`, { arguments: big }));
      }).toThrow(SpoolUnavailableError);
      expect(spool.writable).toBe(false);
      expect(spool.failure).toMatch(/ENOSPC/);
      expect(() => spool.rotate()).not.toThrow();
      expect(() => spool.done(event("running"))).toThrow(SpoolUnavailableError);
      unlinkSync(path.join(dir, "filler"));
      spool.rotate();
      expect(spool.writable).toBe(true);
      const events = spool.read(spool.rotate());
      expect(events.find((e) => e.eventId === "running")?.outcome).toBe("success");
      spool.close();
    } finally {
      execFileSync("umount", [dir], { stdio: "pipe" });
    }
  });

  it("holds refused events in a file of their own, counted until Warden takes them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spool-held-"));
    const spool = new Spool(dir, { maxBytes: 1_000_000, fsync: false });
    spool.open();
    spool.hold([event("h1"), event("h2")]);
    expect(spool.heldEvents).toBe(2);
    const again = new Spool(dir, { maxBytes: 1_000_000, fsync: false });
    again.open();
    expect(again.heldEvents).toBe(2);
    const held = again.heldSegments();
    expect(again.read(held).map((e) => e.eventId)).toEqual(["h1", "h2"]);
    again.ack(held);
    expect(again.heldEvents).toBe(0);
    spool.close();
    again.close();
  });
});
