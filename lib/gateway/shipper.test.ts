import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayEvent } from "./audit-event";
import { Shipper } from "./shipper";
import { Spool } from "./spool";
import { WardenClient } from "./warden-client";

const event = (eventId: string, tool = "query"): GatewayEvent => ({
  eventId,
  timestamp: "2026-11-01T10:00:00.000Z",
  server: "crm",
  tool,
  agent: "bot",
  method: "tools/call",
  outcome: "success",
});

/**
 * An ingest endpoint over real HTTP that behaves as a Warden older than per-event answers did: a batch
 * holding one event it refuses (tool "poison") is refused whole with 400; a batch over `maxEvents` gets 413.
 */
async function allOrNothingWarden(maxEvents: number) {
  const stored = new Set<string>();
  let requests = 0;
  let refuse = true;
  const http: Server = createServer(async (req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const { events } = JSON.parse(Buffer.concat(chunks).toString()) as { events: GatewayEvent[] };
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (events.length > maxEvents) return answer(413, { error: { message: "too large" } });
    if (refuse && events.some((e) => e.tool === "poison")) return answer(400, { error: { message: "invalid" } });
    const fresh = events.filter((e) => !stored.has(e.eventId));
    fresh.forEach((e) => stored.add(e.eventId));
    answer(200, { accepted: fresh.length, duplicates: events.length - fresh.length });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    stored,
    requests: () => requests,
    fix: () => (refuse = false),
    close: () => new Promise((r) => http.close(r)),
  };
}

describe("shipper", () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it("stores every event a whole-batch refusal would have taken with it, holds the refused one, and ships it once Warden takes it", async () => {
    const warden = await allOrNothingWarden(8);
    cleanup.push(warden.close);
    const spool = new Spool(mkdtempSync(path.join(tmpdir(), "shipper-")), { maxBytes: 1_000_000, fsync: false });
    spool.open();
    cleanup.push(() => spool.close());
    const logged: string[] = [];
    const shipper = new Shipper(spool, new WardenClient(warden.url, "token"), 50, (msg) => logged.push(msg));
    for (let i = 0; i < 20; i++) spool.done(event(`e${i}`, i === 13 ? "poison" : "query"));
    await shipper.flush();

    expect(warden.stored.size).toBe(19);
    expect(warden.stored.has("e13")).toBe(false);
    expect(spool.heldEvents).toBe(1);
    expect(spool.read(spool.heldSegments()).map((e) => e.eventId)).toEqual(["e13"]);
    expect(logged).toContain("audit events refused by Warden are held in the spool and retried");
    expect(shipper.lastError).toMatch(/1 audit event/);

    // Retried with backoff, not on every round: the next round right away leaves it held.
    const before = warden.requests();
    await shipper.flush();
    expect(warden.requests()).toBe(before);
    warden.fix();
    await new Promise((r) => setTimeout(r, 60));
    await shipper.flush();
    expect(warden.stored.has("e13")).toBe(true);
    expect(spool.heldEvents).toBe(0);
    expect(spool.heldSegments()).toEqual([]);
    expect(shipper.lastError).toBeNull();
  });
});
