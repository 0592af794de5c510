import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { POST as postLogs } from "@/app/api/v1/otlp/v1/logs/route";
import { POST as postTraces } from "@/app/api/v1/otlp/v1/traces/route";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { INGEST_LIMITS } from "@/lib/schemas/ingest";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";

const auditor: UserActor = {
  type: "USER",
  id: "00000000-0000-0000-0000-00000000a0d3",
  email: "a@t.l",
  name: "A",
  roles: ["AUDITOR"],
};

/** A real HTTP listener in front of the real route handlers, for the real OpenTelemetry exporter to send to. */
function receiver() {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
    const handler = req.url?.endsWith("/v1/logs") ? postLogs : postTraces;
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return {
    start: () =>
      new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeWithDatabase("OTLP receiver", () => {
  const rx = receiver();
  let port = 0;
  let token = "";
  beforeAll(async () => {
    port = await rx.start();
    token = (await createToken(systemActor("test"), { name: "otel", scopes: ["ingest"], expiresInDays: 30 })).token;
  });
  afterAll(() => rx.stop());

  /** Spans as an MCP client instrumentation (semantic conventions for MCP) would emit them. */
  function emit(provider: TracerProvider) {
    const tracer = provider.getTracer("mcp-client");
    const ok = tracer.startSpan("tools/call get_weather", {
      kind: SpanKind.CLIENT,
      attributes: {
        "mcp.method.name": "tools/call",
        "gen_ai.tool.name": "get_weather",
        "mcp.session.id": "sess-42",
        "mcp.server.name": "weather-mcp",
        "gen_ai.tool.call.arguments": '{"city":"Zürich","api_key":"sk-live-123"}',
        "jsonrpc.request.id": "7",
        "user.id": "alice@corp.example",
      },
    });
    ok.end();
    const failed = tracer.startSpan("tools/call get_forecast", {
      kind: SpanKind.CLIENT,
      attributes: {
        "mcp.method.name": "tools/call",
        "gen_ai.tool.name": "get_forecast",
        "mcp.server.name": "weather-mcp",
      },
    });
    failed.setStatus({ code: SpanStatusCode.ERROR, message: "upstream timeout" });
    failed.end();
    tracer.startSpan("GET /healthz").end(); // not an MCP call: skipped
  }

  it("stores the spans a real OpenTelemetry SDK exporter sends over OTLP/HTTP protobuf, and the explorer shows them", async () => {
    const exporter = new OTLPTraceExporter({
      url: `http://127.0.0.1:${port}/api/v1/otlp/v1/traces`,
      headers: { authorization: `Bearer ${token}` },
    });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "support-assistant" }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    emit(provider);
    await provider.forceFlush();
    await provider.shutdown();
    const page = await listAuditEvents(auditor, { server: "weather-mcp" });
    const byTool = Object.fromEntries(page.events.map((e) => [e.tool, e]));
    expect(Object.keys(byTool).sort()).toEqual(["get_forecast", "get_weather"]);
    expect(byTool.get_weather).toMatchObject({
      category: "TOOL_CALL",
      action: "tools/call",
      agent: "support-assistant",
      sessionId: "sess-42",
      onBehalfOf: "alice@corp.example",
      outcome: "success",
    });
    expect(byTool.get_weather.eventId).toMatch(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/);
    expect((byTool.get_weather.attributes as { arguments: unknown }).arguments).toEqual({
      city: "Zürich",
      api_key: "[REDACTED]",
    });
    // The outcome comes from the span status: no Warden-specific field was sent.
    expect(byTool.get_forecast).toMatchObject({ outcome: "error" });
    expect((byTool.get_forecast.attributes as { errorType: string }).errorType).toBe("upstream timeout");
  });

  it("accepts the serializer's protobuf and JSON directly, de-duplicates a resent export, and reports partial success", async () => {
    const memory = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "batch-agent" }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
    });
    const tracer = provider.getTracer("t");
    tracer
      .startSpan("tools/call x", { attributes: { "gen_ai.tool.name": "lookup", "mcp.server.name": "json-mcp" } })
      .end();
    // An MCP span with no server anywhere: rejected, and said so in partialSuccess.
    tracer.startSpan("tools/call y", { attributes: { "gen_ai.tool.name": "orphan" } }).end();
    const spans = memory.getFinishedSpans();
    const send = (body: Uint8Array, type: string) =>
      postTraces(
        new Request("http://127.0.0.1/api/v1/otlp/v1/traces", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type },
          body: Buffer.from(body),
        }),
      );
    const proto = await send(ProtobufTraceSerializer.serializeRequest(spans)!, "application/x-protobuf");
    expect(proto.status).toBe(200);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    const json = await send(JsonTraceSerializer.serializeRequest(spans)!, "application/json");
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({
      partialSuccess: { rejectedSpans: "1", errorMessage: expect.stringMatching(/server/) },
    });
    const page = await listAuditEvents(auditor, { server: "json-mcp" });
    expect(page.events).toHaveLength(1); // the JSON resend of the same span was a duplicate
    expect(page.events[0]).toMatchObject({ tool: "lookup", agent: "batch-agent", outcome: "success" });
    // The refused span is not silently gone: the same finding as a gateway batch's refused events.
    const finding = await db().finding.findFirstOrThrow({ where: { type: "ingest_rejected" } });
    expect(finding).toMatchObject({ count: 2, evidence: { events: 1, byField: { server: 1 } } });
  });

  it("maps OTLP log records the same way, with the outcome from severity or error.type", async () => {
    const attr = (key: string, v: string) => ({ key, value: { stringValue: v } });
    const body = {
      resourceLogs: [
        {
          resource: { attributes: [attr("service.name", "log-agent")] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: "1790000000000000000",
                  severityNumber: 17,
                  traceId: "0af7651916cd43dd8448eb211c80319c",
                  spanId: "b7ad6b7169203331",
                  attributes: [
                    attr("mcp.method.name", "tools/call"),
                    attr("gen_ai.tool.name", "delete_file"),
                    attr("mcp.server.name", "fs-mcp"),
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await postLogs(
      new Request("http://x/", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(200);
    const page = await listAuditEvents(auditor, { server: "fs-mcp" });
    expect(page.events[0]).toMatchObject({ tool: "delete_file", agent: "log-agent", outcome: "error" });
    expect(new Date(page.events[0].occurredAt).toISOString()).toBe("2026-09-21T14:13:20.000Z");
  });

  it("refuses with 413 at the limit a body without Content-Length or longer than declared, and a gzip bomb", async () => {
    const chunk = 64 * 1024;
    /** An export that never ends, sent as a stream (no Content-Length unless one is claimed). */
    const endless = (headers: Record<string, string> = {}) => {
      const sent = { chunks: 0 };
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          sent.chunks++;
          controller.enqueue(new Uint8Array(chunk));
        },
      });
      const request = new Request("http://x/", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", ...headers },
        body,
        duplex: "half",
      } as RequestInit);
      return { sent, response: postTraces(request) };
    };
    const atLimit = INGEST_LIMITS.maxBytes / chunk + 1;
    const claims: Record<string, string>[] = [{}, { "content-length": "100" }];
    for (const headers of claims) {
      const { sent, response } = endless(headers);
      const res = await response;
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toMatch(/export request is limited/);
      expect(sent.chunks).toBeLessThanOrEqual(atLimit + 2);
    }
    const declared = endless({ "content-length": String(INGEST_LIMITS.maxBytes + 1) });
    expect((await declared.response).status).toBe(413);
    expect(declared.sent.chunks).toBeLessThanOrEqual(2);

    const bomb = gzipSync(Buffer.alloc(INGEST_LIMITS.maxBytes * 4));
    const zipped = (body: Uint8Array, encoding: string) =>
      postTraces(
        new Request("http://x/", {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/x-protobuf",
            "content-encoding": encoding,
          },
          body: Buffer.from(body),
        }),
      );
    expect((await zipped(bomb, "gzip")).status).toBe(413);
    expect((await zipped(bomb, "br")).status).toBe(400);
    const spans = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "gzip-agent" }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
    });
    provider
      .getTracer("t")
      .startSpan("tools/call z", { attributes: { "gen_ai.tool.name": "zipped", "mcp.server.name": "gzip-mcp" } })
      .end();
    const proto = ProtobufTraceSerializer.serializeRequest(spans.getFinishedSpans())!;
    expect((await zipped(gzipSync(proto), "gzip")).status).toBe(200);
    expect((await listAuditEvents(auditor, { server: "gzip-mcp" })).events).toHaveLength(1);
  });

  it("refuses a token without the ingest scope, and a body that is not OTLP", async () => {
    const read = (await createToken(systemActor("test"), { name: "reader", scopes: ["read"], expiresInDays: 30 }))
      .token;
    const req = (auth: string, body: string, type = "application/x-protobuf") =>
      postTraces(
        new Request("http://x/", {
          method: "POST",
          headers: { authorization: `Bearer ${auth}`, "content-type": type },
          body,
        }),
      );
    expect((await req(read, "")).status).toBe(403);
    expect((await req(token, "\u00ff\u00ff\u00ff not protobuf")).status).toBe(400);
    expect((await req(token, "{nope", "application/json")).status).toBe(400);
    expect(
      (
        await postLogs(
          new Request("http://x/", {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: "{}",
          }),
        )
      ).status,
    ).toBe(200);
  });
});
