import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOutboundAllow } from "@/lib/schemas/outbound-allow";
import { OutboundError } from "@/lib/net/outbound-error";
import type { Resolver } from "@/lib/net/outbound-guard";
import type { SiemEvent } from "./siem-event";
import { cef, sendSyslog, syslogFrame } from "./syslog-cef";

const event = (over: Partial<SiemEvent> = {}): SiemEvent => ({
  type: "audit",
  eventId: "e-1",
  sequence: "7",
  occurredAt: "2026-11-02T10:00:00.000Z",
  category: "TOOL_CALL",
  action: "tools/call",
  outcome: "success",
  actor: "agent-1",
  actorType: "AGENT",
  onBehalfOf: null,
  server: "crm",
  tool: "query",
  agent: "agent-1",
  sessionId: null,
  target: null,
  attributes: null,
  hash: "abc",
  ...over,
});

/** Splits a stream of RFC 6587 §3.4.1 octet-counted frames (MSG-LEN SP SYSLOG-MSG), by bytes. */
function parseFrames(stream: Buffer): string[] {
  const frames: string[] = [];
  let rest = stream;
  while (rest.length) {
    const space = rest.indexOf(0x20);
    const len = Number(rest.subarray(0, space).toString("ascii"));
    expect(String(len)).toBe(rest.subarray(0, space).toString("ascii"));
    frames.push(rest.subarray(space + 1, space + 1 + len).toString("utf8"));
    rest = rest.subarray(space + 1 + len);
    expect(frames.at(-1)!.length).toBeGreaterThan(0);
  }
  return frames;
}

/** A TCP listener on loopback that records each connection's bytes and answers as told. */
function listener(onConnection: (socket: net.Socket) => void = () => {}) {
  const streams: Buffer[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("close", () => streams.push(Buffer.concat(chunks)));
    socket.on("error", () => {});
    onConnection(socket);
  });
  return {
    streams,
    start: () => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r())),
    stop: () => new Promise<void>((r) => server.close(() => r())),
    url: () => `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    port: () => (server.address() as AddressInfo).port,
  };
}

const reason = (p: Promise<unknown>) =>
  p.then(
    () => "sent",
    (e: unknown) => (e instanceof OutboundError ? e.reason : `unexpected: ${String(e)}`),
  );

describe("syslog frames: RFC 5424 with CEF, octet-counted", () => {
  const hostile = event({
    eventId: 'x\r\nPING "q" \\ ] end',
    action: "tools/call|x\\y\r\n<13>1 forged",
    onBehalfOf: "bob@corp.example\r=cmd|' /C calc'!A0",
    tool: "a=b\nc\u0085d\u2028e\u0000f",
    sequence: "8\n9",
  });

  it("escapes CR, LF, quotes, backslashes, brackets, pipes and equals signs as RFC 5424 and CEF require", () => {
    const frame = syslogFrame(hostile);
    const msg = frame.slice(frame.indexOf(" ") + 1);
    expect(Buffer.byteLength(msg)).toBe(Number(frame.slice(0, frame.indexOf(" "))));
    // No raw line break, NEL, line separator or NUL anywhere in the message.
    expect(msg).not.toMatch(/[\r\n\u0000\u0085\u2028]/);
    expect(msg).toContain('[warden@32473 eventId="x\\r\\nPING \\"q\\" \\\\ \\] end" sequence="8\\n9"]');
    expect(cef(hostile)).toContain("CEF:0|Warden|Warden|1|tools/call\\|x\\\\y  <13>1 forged|");
    expect(cef(hostile)).toContain("duser=bob@corp.example\\r\\=cmd|' /C calc'!A0 ");
    expect(cef(hostile)).toContain("cs3=a\\=b\\nc d e f ");
  });

  it("reaches a real TCP listener as octet-counted frames that parse back one per event", async () => {
    const l = listener();
    await l.start();
    try {
      const events = [event(), hostile, event({ eventId: "ü-3", actor: "Zoë" })];
      const allow = parseOutboundAllow(`127.0.0.1:${l.port()}`);
      await sendSyslog(l.url(), events, { allow });
      await expect.poll(() => l.streams.length).toBe(1);
      const frames = parseFrames(l.streams[0]);
      expect(frames).toHaveLength(3);
      expect(frames[1]).toBe(syslogFrame(hostile).replace(/^\d+ /, ""));
      expect(frames[1]).toMatch(
        /^<110>1 2026-11-02T10:00:00.000Z warden warden - audit \[warden@32473 eventId="x\\r\\nPING/,
      );
      expect(frames[2]).toContain('eventId="ü-3"');
      expect(frames.join("")).not.toMatch(/[\r\n]/);
    } finally {
      await l.stop();
    }
  });
});

describe("syslog delivery is claimed only when a collector could have taken it", () => {
  it("a database port (PostgreSQL on 5432) is not a syslog target: not reported sent", async () => {
    const allow = parseOutboundAllow("127.0.0.1:5432");
    expect(await reason(sendSyslog("tcp://127.0.0.1:5432", [event(), event({ eventId: "e-2" })], { allow }))).toBe(
      "not_syslog",
    );
  });

  const talker = listener((s) => s.write("220 mail.corp ESMTP ready\r\n"));
  const answerer = listener((s) => s.once("data", () => s.write("HTTP/1.1 400 Bad Request\r\n\r\n")));
  const resetter = listener((s) => s.once("data", () => s.resetAndDestroy()));
  const hangUp = listener((s) => s.once("data", () => s.end()));
  beforeAll(() => Promise.all([talker, answerer, resetter, hangUp].map((l) => l.start())));
  afterAll(() => Promise.all([talker, answerer, resetter, hangUp].map((l) => l.stop())));

  it("a peer that talks, answers, resets or hangs up first fails with a classified reason", async () => {
    const allow = parseOutboundAllow("127.0.0.1/32");
    expect(await reason(sendSyslog(talker.url(), [event()], { allow }))).toBe("not_syslog");
    expect(await reason(sendSyslog(answerer.url(), [event()], { allow }))).toBe("not_syslog");
    expect(await reason(sendSyslog(hangUp.url(), [event()], { allow }))).toBe("not_syslog");
    expect(["connection_reset", "not_syslog"]).toContain(
      await reason(sendSyslog(resetter.url(), [event()], { allow })),
    );
    expect(await reason(sendSyslog("tcp://127.0.0.1:9", [event()], { allow }))).toBe("connection_refused");
  });

  it("over TLS, checks the collector's certificate: an untrusted one is a tls_error, nothing is sent", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "warden-tls-"));
    try {
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1"],
          ...["-subj", "/CN=siem.example", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
        ],
        { stdio: "ignore" },
      );
      const received: Buffer[] = [];
      const server = tls.createServer(
        { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
        (socket) => socket.on("data", (c) => received.push(c)),
      );
      server.on("tlsClientError", () => {});
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      const port = (server.address() as AddressInfo).port;
      const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
      const allow = parseOutboundAllow(`127.0.0.1:${port}`);
      expect(await reason(sendSyslog(`tls://siem.example:${port}`, [event()], { allow, resolve }))).toBe("tls_error");
      expect(received).toEqual([]);
      await new Promise((r) => server.close(r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses loopback spellings without WARDEN_OUTBOUND_ALLOW, and connects only to the checked address", async () => {
    const l = listener();
    await l.start();
    try {
      for (const host of ["127.0.0.1", "127.1", "2130706433", "0x7f000001", "localhost"])
        expect(
          await reason(sendSyslog(`tcp://${host}:${l.port()}`, [event()], { allow: parseOutboundAllow("") })),
        ).toBe("address_denied");
      // Rebinding: the first answer is checked and pinned; a later loopback answer is never used.
      let calls = 0;
      const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "10.0.0.1", family: 4 }];
      const allow = parseOutboundAllow(`127.0.0.1:${l.port()}`);
      await sendSyslog(`tcp://siem.example:${l.port()}`, [event()], { allow, resolve: rebinding });
      expect(calls).toBe(1);
      await expect.poll(() => l.streams.length).toBe(1);
      expect(l.streams.join("")).toContain('eventId="e-1"');
      expect(await reason(sendSyslog(`tcp://siem.example:${l.port()}`, [event()], { allow, resolve: rebinding }))).toBe(
        "address_denied",
      );
    } finally {
      await l.stop();
    }
  });
});
