import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, expect, it } from "vitest";
import { systemActor, type TokenActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { DENIED_HOSTS } from "@/lib/testing/denied-hosts";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedServer } from "@/prisma/seed/registry-factories";
import { createSiemTarget } from "./create-siem-target";
import { siemBackoffMs } from "@/lib/siem/backoff";
import { forwardToSiem } from "./forward-to-siem";
import { listSiemTargets } from "./list-siem-targets";

const admin = systemActor("test");
const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000cc",
  name: "c",
  scopes: ["ingest"],
};
process.env.WARDEN_SIEM_TEST_HEC = "hec-token-for-tests";

/** A Splunk HEC stand-in on a real socket: stores what arrives, can answer 503, hold a batch, or be switched off. */
function hecReceiver() {
  const events: { event: { eventId: string; type: string } }[] = [];
  let failNext = 0;
  let requests = 0;
  let holdNext: { arrived: () => void; released: Promise<void> } | null = null;
  const server = http.createServer((req, res) => {
    requests++;
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const hold = holdNext;
      holdNext = null;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      if (req.headers.authorization !== "Splunk hec-token-for-tests") return res.writeHead(401).end("bad token");
      if (failNext > 0) {
        failNext--;
        // What an internal service might say about itself: it must never be stored or shown.
        return res.writeHead(503).end('{"text":"Server is busy: indexer idx-7.corp.internal:9997 down","code":9}');
      }
      for (const line of body.split("\n").filter(Boolean)) events.push(JSON.parse(line));
      res.writeHead(200, { "content-type": "application/json" }).end('{"text":"Success","code":0}');
    });
  });
  let port = 0;
  return {
    events,
    requests: () => requests,
    port: () => port,
    failOnce: () => (failNext = 1),
    /** Leaves the next batch unanswered until `release`: a send still in flight. */
    holdOnce: () => {
      let release = () => {};
      const released = new Promise<void>((r) => (release = r));
      const arrived = new Promise<void>((r) => (holdNext = { arrived: r, released }));
      return { arrived, release };
    },
    start: () =>
      new Promise<void>((r) =>
        server.listen(port, "127.0.0.1", () => {
          port = (server.address() as AddressInfo).port;
          r();
        }),
      ),
    stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
    url: () => `http://127.0.0.1:${port}/services/collector/event`,
  };
}

/** An RFC 5424 receiver over TCP with octet-counted frames. */
function syslogReceiver() {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let buf = "";
    socket.on("data", (c) => {
      buf += c.toString("utf8");
      for (;;) {
        const m = /^(\d+) /.exec(buf);
        if (!m) break;
        const len = Number(m[1]);
        const bytes = Buffer.from(buf.slice(m[0].length));
        if (bytes.length < len) break;
        messages.push(bytes.subarray(0, len).toString("utf8"));
        buf = bytes.subarray(len).toString("utf8");
      }
    });
  });
  let port = 0;
  return {
    messages,
    start: () =>
      new Promise<void>((r) =>
        server.listen(port, "127.0.0.1", () => {
          port = (server.address() as AddressInfo).port;
          r();
        }),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
    port: () => port,
    url: () => `tcp://127.0.0.1:${port}`,
  };
}

const events = (server: string, prefix: string, n: number) => {
  const r = parseBatch(
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({
        eventId: `${prefix}-${i}`,
        timestamp: new Date(Date.UTC(2026, 10, 2, 10, 0, i)).toISOString(),
        server,
        tool: "query",
        agent: "siem-agent",
        outcome: i % 4 === 0 ? "error" : "success",
        arguments: { note: "a|b=c\\d\nnext" },
      })),
    ),
    "application/json",
  );
  if (!r.ok) throw new Error("bad batch");
  return r.events;
};

describeWithDatabase("SIEM forwarding", () => {
  const hec = hecReceiver();
  const syslog = syslogReceiver();
  afterAll(async () => {
    await hec.stop().catch(() => {});
    await syslog.stop().catch(() => {});
  });
  let clock = Date.now();
  // Each tick runs past any backoff, as the clock would eventually.
  const tick = () => forwardToSiem(new Date((clock += siemBackoffMs(20) + 1000)));

  it("reaches a local receiver only when WARDEN_OUTBOUND_ALLOW names it", async () => {
    await hec.start();
    await syslog.start();
    delete process.env.WARDEN_OUTBOUND_ALLOW;
    const hecInput = { name: "splunk", kind: "SPLUNK_HEC", url: hec.url(), tokenEnv: "WARDEN_SIEM_TEST_HEC" } as const;
    await expect(createSiemTarget(admin, hecInput)).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      fields: { url: expect.stringMatching(/WARDEN_OUTBOUND_ALLOW/) },
    });
    await expect(
      createSiemTarget(admin, { name: "soc-syslog", kind: "SYSLOG", url: syslog.url() }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", fields: { url: expect.any(String) } });
    expect(await db().siemTarget.count()).toBe(0);
    // The tests' receivers listen on loopback: the deployment allow-list names exactly their ports.
    process.env.WARDEN_OUTBOUND_ALLOW = `127.0.0.1:${hec.port()},127.0.0.1:${syslog.port()}`;
  });

  it("delivers every event at least once across a receiver outage, with stable eventIds, and routes by siem_forward", async () => {
    const routed = await seedServer({ siemForward: "soc-syslog" });
    const other = await seedServer();
    await createSiemTarget(admin, {
      name: "splunk",
      kind: "SPLUNK_HEC",
      url: hec.url(),
      tokenEnv: "WARDEN_SIEM_TEST_HEC",
      startFrom: "beginning",
    });
    await createSiemTarget(admin, { name: "soc-syslog", kind: "SYSLOG", url: syslog.url(), allEvents: false });

    // Both receivers go down; ingestion carries on regardless.
    await hec.stop();
    await syslog.stop();
    expect(await ingestEvents(collector, events(routed.slug, "r", 30))).toMatchObject({ accepted: 30 });
    expect(await ingestEvents(collector, events(other.slug, "o", 20))).toMatchObject({ accepted: 20 });
    await writeCheckpoint();
    await tick();
    const down = await listSiemTargets(admin);
    for (const t of down) {
      expect(t.lastError, t.name).toBe("connection_refused");
      expect(Number(t.lag)).toBeGreaterThan(0);
      expect(t.deliveredCount).toBe("0");
    }
    // Back up; HEC refuses the first batch once more, and is retried.
    await hec.start();
    await syslog.start();
    hec.failOnce();
    await tick();
    // The status as a classified reason; what the receiver said is not kept anywhere.
    expect((await listSiemTargets(admin)).find((t) => t.name === "splunk")?.lastError).toBe("http_503");
    const stored = JSON.stringify(await db().siemTarget.findMany(), (_, v) => (typeof v === "bigint" ? `${v}` : v));
    expect(stored).not.toMatch(/busy|idx-7|corp\.internal/);
    await tick();
    await tick();

    const hecIds = new Set(hec.events.map((e) => e.event.eventId));
    for (let i = 0; i < 30; i++) expect(hecIds.has(`r-${i}`)).toBe(true);
    for (let i = 0; i < 20; i++) expect(hecIds.has(`o-${i}`)).toBe(true);
    expect(hec.events.some((e) => e.event.type === "checkpoint")).toBe(true);
    // Every audit event up to the head reached the HEC target, admin records included.
    const all = await db().auditEvent.findMany({ select: { id: true, eventId: true } });
    expect(all.filter((e) => !hecIds.has(e.eventId ?? e.id))).toEqual([]);

    // The syslog target is routed by siem_forward: only the routed server's events, in RFC 5424 + CEF.
    const syslogIds = syslog.messages.map((m) => /eventId="([^"]+)"/.exec(m)?.[1]);
    expect(new Set(syslogIds.filter((id) => id?.startsWith("r-")))).toHaveLength(30);
    expect(syslogIds.some((id) => id?.startsWith("o-"))).toBe(false);
    const first = syslog.messages.find((m) => m.includes('eventId="r-1"'))!;
    expect(first).toMatch(
      /^<110>1 2026-11-02T10:00:01.000Z warden warden - audit \[warden@32473 eventId="r-1" sequence="\d+"\] CEF:0\|Warden\|Warden\|1\|tools\/call\|/,
    );
    expect(first).toContain(`cs2=${routed.slug}`);

    const up = await listSiemTargets(admin);
    for (const t of up) {
      expect(t.lastError, t.name).toBeNull();
      expect(t.lag, t.name).toBe("0");
    }
    expect(Number(up.find((t) => t.name === "splunk")!.deliveredCount)).toBe(hec.events.length);
  });

  it("resumes from its durable cursor: nothing is sent twice once acknowledged, nothing is skipped", async () => {
    const before = hec.events.length;
    const server = await seedServer();
    await ingestEvents(collector, events(server.slug, "late", 5));
    await tick();
    const fresh = hec.events.slice(before).map((e) => e.event.eventId);
    expect(fresh.filter((id) => id.startsWith("late-")).sort()).toEqual([
      "late-0",
      "late-1",
      "late-2",
      "late-3",
      "late-4",
    ]);
    expect(fresh.some((id) => /^[ro]-\d+$/.test(id))).toBe(false);
  });

  it("never moves the cursor back: a holder whose lease lapsed mid-send leaves its successor's cursor alone", async () => {
    const server = await seedServer();
    await ingestEvents(collector, events(server.slug, "stale", 5));
    const hold = hec.holdOnce();
    const run = tick();
    await hold.arrived;
    // While this send is in flight, a successor (another instance, after the lease lapsed) delivered it
    // and later events, and moved the cursor past them.
    await ingestEvents(collector, events(server.slug, "succ", 5));
    const head = await db().auditEvent.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    await db().siemTarget.update({ where: { name: "splunk" }, data: { cursor: head.sequence } });
    hold.release();
    await run;
    expect((await db().siemTarget.findUniqueOrThrow({ where: { name: "splunk" } })).cursor).toBe(head.sequence);
  });

  it("refuses a token variable outside WARDEN_SIEM_*, and a syslog URL that is not tcp:// or tls://", async () => {
    await expect(
      createSiemTarget(admin, {
        name: "x",
        kind: "SPLUNK_HEC",
        url: "http://127.0.0.1:1/",
        tokenEnv: "NEXTAUTH_SECRET",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(createSiemTarget(admin, { name: "y", kind: "SYSLOG", url: "udp://h:514" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("refuses loopback, metadata and private addresses in every spelling, at save (422 naming url) and at send", async () => {
    const allowed = process.env.WARDEN_OUTBOUND_ALLOW;
    process.env.WARDEN_OUTBOUND_ALLOW = "";
    for (const host of DENIED_HOSTS) {
      const hecSave = createSiemTarget(admin, {
        name: "denied-hec",
        kind: "SPLUNK_HEC",
        url: `http://${host}:${hec.port()}/services/collector/event`,
        tokenEnv: "WARDEN_SIEM_TEST_HEC",
      });
      await expect(hecSave, host).rejects.toMatchObject({ code: "UNPROCESSABLE", fields: { url: expect.any(String) } });
      // The syslog form takes no IPv6 literal at all (400); every other spelling meets the guard (422).
      const syslogSave = createSiemTarget(admin, { name: "denied-syslog", kind: "SYSLOG", url: `tcp://${host}:514` });
      await expect(syslogSave, host).rejects.toMatchObject({
        code: host.startsWith("[") ? "BAD_REQUEST" : "UNPROCESSABLE",
        fields: { url: expect.any(String) },
      });
    }
    expect(await db().siemTarget.count({ where: { name: { startsWith: "denied-" } } })).toBe(0);

    // Rows saved before this check, or names that resolved elsewhere when saved: the send refuses them.
    await db().siemTarget.updateMany({ data: { enabled: false } });
    const spellings = ["127.1", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]", "localhost", "169.254.169.254"];
    for (const [i, host] of spellings.entries()) {
      await db().siemTarget.create({
        data: {
          name: `legacy-hec-${i}`,
          kind: "SPLUNK_HEC",
          url: `http://${host}:${hec.port()}/services/collector/event`,
          tokenEnv: "WARDEN_SIEM_TEST_HEC",
        },
      });
      if (!host.startsWith("["))
        await db().siemTarget.create({
          data: { name: `legacy-syslog-${i}`, kind: "SYSLOG", url: `tcp://${host}:${syslog.port()}` },
        });
    }
    const requests = hec.requests();
    const messages = syslog.messages.length;
    await tick();
    const legacy = (await listSiemTargets(admin)).filter((t) => t.name.startsWith("legacy-"));
    expect(legacy).toHaveLength(spellings.length * 2 - 1);
    for (const t of legacy)
      expect({ name: t.name, lastError: t.lastError, sent: t.deliveredCount }).toEqual({
        name: t.name,
        lastError: "address_denied",
        sent: "0",
      });
    // Free text stored by an older version is never shown back.
    await db().siemTarget.create({
      data: {
        name: "older",
        kind: "SYSLOG",
        url: "tcp://siem.example:514",
        enabled: false,
        lastError: "HTTP 503: db-7 down",
      },
    });
    expect((await listSiemTargets(admin)).find((t) => t.name === "older")?.lastError).toBe("unclassified_error");
    // Nothing reached either receiver: no HEC token left Warden.
    expect(hec.requests()).toBe(requests);
    expect(syslog.messages.length).toBe(messages);
    process.env.WARDEN_OUTBOUND_ALLOW = allowed;
  });
});
