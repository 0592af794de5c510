import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/v1/audit/events/route";
import { POST as postTraces } from "@/app/api/v1/otlp/v1/traces/route";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { GatewayEvent } from "@/lib/gateway/audit-event";
import { Shipper } from "@/lib/gateway/shipper";
import { Spool } from "@/lib/gateway/spool";
import { WardenClient } from "@/lib/gateway/warden-client";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { DISGUISES, leakForms, secretClasses, type SecretSample } from "@/lib/testing/secret-disguises";
import { gateway } from "@/prisma/seed/decision-fixture";
import type { Outcome } from "@/lib/schemas/outcome";
import { wireMethod } from "./catalog";
import { verifyChain } from "./verify-chain";
import { recordAudit } from "./record-audit";

/**
 * Issue 22's invariant: no secret lands in the append-only log. Events carry a secret of each class, in
 * each disguise, in every field and key, through every entry point (ingest JSON and NDJSON, OTLP protobuf
 * and JSON, the decision API, a gateway spool shipped to ingest, a console write through recordAudit).
 * Then every stored byte of every AuditEvent row is read back: none may hold a secret, in any form.
 */
const samples = secretClasses(11);
const disguises = Object.keys(DISGUISES);
type Planted = { sample: SecretSample; disguise: string; written: string };

/** A random (class, disguise) whose written form fits `max` characters, remembered for the final check. */
function planter(seed: number, planted: Planted[]) {
  let x = seed >>> 0 || 1;
  const next = () => ((x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0), x >>> 8);
  return (max: number): string => {
    for (;;) {
      const sample = samples[next() % samples.length];
      const disguise = disguises[next() % disguises.length];
      const written = DISGUISES[disguise](sample.text);
      if (written.length > max || written.trim() !== written) continue;
      planted.push({ sample, disguise, written });
      return written;
    }
  };
}

const card = Number(samples.find((s) => s.name === "card number")!.core);

/** An ingest event with a planted secret in every field, key and value (and a card number in every number). */
function callEvent(plant: (max: number) => string, n: number): Record<string, unknown> {
  return {
    eventId: `${plant(180)} #${n}`,
    timestamp: "2026-11-02T10:00:00.000Z",
    server: plant(120),
    tool: plant(128),
    agent: plant(120),
    onBehalfOf: plant(254),
    sessionId: plant(200),
    method: plant(64),
    outcome: "success",
    rule: plant(120),
    reason: plant(1000),
    responseSummary: plant(4000),
    traceId: plant(128),
    decisionId: plant(128),
    errorType: plant(200),
    requestId: plant(200),
    bytes: card,
    recordsReturned: 1,
    arguments: { [plant(200)]: plant(5000), list: [plant(5000), { [plant(200)]: plant(5000) }] },
    attributes: { [plant(200)]: plant(5000), nested: { [plant(200)]: [plant(5000)] } },
  };
}

/** Every string of a stored row (keys, values, numbers), as one text. */
function storedText(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (typeof value !== "object") out.push(String(value));
  else if (Array.isArray(value)) value.forEach((v) => storedText(v, out));
  else
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      storedText(v, out);
    }
  return out;
}

describeWithDatabase("no secret is stored in the audit log, whatever the entry point", () => {
  let token = "";
  let listener: http.Server;
  let base = "";
  const spoolDir = mkdtempSync(path.join(tmpdir(), "warden-spool-secrets-"));

  beforeAll(async () => {
    token = (await createToken(systemActor("test"), { name: "collector", scopes: ["ingest"], expiresInDays: 1 })).token;
    // The real route handler behind a real HTTP listener, for the gateway's own client to ship to.
    listener = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await postEvents(
        new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => listener.close(() => r()));
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const ingest = (body: string, type: string) =>
    postEvents(
      new Request("http://127.0.0.1/api/v1/audit/events", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
      }),
    );

  async function throughEveryEntryPoint(plant: (max: number) => string, round: number) {
    const events = [0, 1, 2].map((i) => callEvent(plant, round * 100 + i));
    // ingest JSON, and the same batch again: secret-looking ids are keyed hashes, so the retry is a duplicate
    expect((await ingest(JSON.stringify({ events: events.slice(0, 2) }), "application/json")).status).toBe(200);
    const again = await ingest(JSON.stringify({ events: events.slice(0, 2) }), "application/json");
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    // ingest NDJSON
    const ndjson = await ingest(JSON.stringify(events[2]) + "\n", "application/x-ndjson");
    expect(ndjson.status).toBe(200);

    // OTLP protobuf and JSON, from the OpenTelemetry SDK's own serializers
    const memory = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": plant(120), [plant(200)]: plant(1000) }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
    });
    const tracer = provider.getTracer("secrets");
    for (let i = 0; i < 2; i++)
      tracer
        .startSpan(`tools/call ${plant(200)}`, {
          attributes: {
            "mcp.method.name": "tools/call",
            "mcp.tool.name": plant(128),
            "mcp.server.name": plant(120),
            "mcp.client.name": plant(120),
            "mcp.session.id": plant(200),
            "user.id": plant(254),
            "warden.decision.rule": plant(120),
            "warden.decision.reason": plant(1000),
            "jsonrpc.request.id": plant(200),
            "gen_ai.tool.call.arguments": JSON.stringify({ [plant(200)]: plant(2000) }),
            "gen_ai.tool.call.result": plant(4000),
            [plant(200)]: plant(2000),
          },
        })
        .end();
    const [protoSpan, jsonSpan] = memory.getFinishedSpans();
    const otlp = (body: Uint8Array, type: string) =>
      postTraces(
        new Request("http://127.0.0.1/api/v1/otlp/v1/traces", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type },
          body: Buffer.from(body),
        }),
      );
    expect((await otlp(ProtobufTraceSerializer.serializeRequest([protoSpan])!, "application/x-protobuf")).status).toBe(
      200,
    );
    const json = await otlp(JsonTraceSerializer.serializeRequest([jsonSpan])!, "application/json");
    expect(await json.json()).not.toHaveProperty("partialSuccess.rejectedSpans");
    await provider.shutdown();

    // the decision API
    await decideToolCall(gateway, {
      agent: plant(120),
      server: plant(63),
      tool: plant(128),
      onBehalfOf: plant(254),
      sessionId: plant(200),
      arguments: { [plant(200)]: plant(2000), deep: [{ [plant(200)]: plant(2000) }] },
    });

    // a gateway's spool, shipped by its shipper to the ingest route over HTTP
    const spool = new Spool(path.join(spoolDir, String(round)), { maxBytes: 50_000_000, fsync: false });
    spool.open();
    const spooled = callEvent(plant, round * 100 + 50) as unknown as GatewayEvent;
    spool.begin(spooled);
    spool.done(spooled);
    const shipper = new Shipper(spool, new WardenClient(base, token), 60_000);
    await shipper.flush();
    expect(shipper.lastError).toBeNull();
    expect(shipper.shipped).toBe(1);
    spool.close();

    // a console write through recordAudit
    await db().$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "USER", id: null, label: plant(200) },
        category: "ADMIN",
        // An ingested call's method is stored verbatim; the outcome's type forbids free text, but the
        // column is redacted whatever a writer passes.
        action: wireMethod(plant(200)),
        target: { type: plant(60), id: plant(200) },
        outcome: plant(60) as Outcome,
        before: { [plant(200)]: plant(2000) },
        after: { [plant(200)]: [plant(2000), card] },
        attributes: { [plant(200)]: { [plant(200)]: plant(2000) } },
        call: {
          // the round keeps two rounds' ids apart when both planted the same secret (a keyed hash each)
          eventId: `${plant(180)} #${round}`,
          server: plant(120),
          tool: plant(128),
          agent: plant(120),
          onBehalfOf: plant(254),
          sessionId: plant(200),
        },
      }),
    );
  }

  it("stores events from every entry point, and no stored byte holds any planted secret in any form", async () => {
    const planted: Planted[] = [];
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        await throughEveryEntryPoint(planter(seed, planted), round++);
      }),
      { numRuns: 3 },
    );
    const rows = await db().$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(a)::text AS j FROM "AuditEvent" a`);
    // 3 ingested + 2 OTLP + 1 decision + 1 spooled + 1 console record per round, at least
    expect(rows.length).toBeGreaterThanOrEqual(round * 8);
    // The dashboard's rollups are stored from the same events: names and rules in them are stored bytes too.
    const rollups = await db().$queryRawUnsafe<{ j: string }[]>(
      `SELECT row_to_json(r)::text AS j FROM "ToolCallRollup" r UNION ALL SELECT row_to_json(d)::text FROM "ToolCallRollupDaily" d`,
    );
    expect(rollups.length).toBeGreaterThan(0);
    const stored = [...rows, ...rollups].map((r) => storedText(JSON.parse(r.j)).join("\n")).join("\n");
    const found = planted.flatMap(({ sample, disguise, written }) =>
      [written, ...leakForms(sample.core, disguise)]
        .filter((form) => stored.includes(form))
        .map((form) => `${sample.name} (${disguise}): ${form.slice(0, 24)}…`),
    );
    expect(found).toEqual([]);
    expect(planted.length).toBeGreaterThan(400);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  }, 60_000);

  it("every class in every disguise, as a key and a value, through ingest", async () => {
    const planted: Planted[] = [];
    const events = samples.flatMap((sample) =>
      disguises.map((disguise, i) => {
        const written = DISGUISES[disguise](sample.text);
        planted.push({ sample, disguise, written });
        const key = written.length <= 200 ? written : "k";
        return {
          eventId: `sweep-${sample.name}-${i}`,
          timestamp: "2026-11-02T11:00:00.000Z",
          server: "sweep",
          agent: "sweep-agent",
          outcome: "success",
          arguments: { [key]: written },
          responseSummary: written.slice(0, 4000),
          attributes: { [key]: [written] },
        };
      }),
    );
    expect(await (await ingest(JSON.stringify(events), "application/json")).json()).toMatchObject({
      accepted: events.length,
    });
    const rows = await db().$queryRawUnsafe<{ j: string }[]>(
      `SELECT row_to_json(a)::text AS j FROM "AuditEvent" a WHERE server = 'sweep'`,
    );
    expect(rows).toHaveLength(events.length);
    const stored = rows.map((r) => storedText(JSON.parse(r.j)).join("\n")).join("\n");
    const found = planted.flatMap(({ sample, disguise, written }) =>
      [written, ...leakForms(sample.core, disguise)]
        .filter((form) => stored.includes(form))
        .map((form) => `${sample.name} (${disguise}): ${form.slice(0, 24)}…`),
    );
    expect(found).toEqual([]);
  }, 60_000);
});
