import { createHash } from "node:crypto";
import { request, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import type { GatewayCore } from "./core";
import { createHttpListener, MAX_BODY_BYTES } from "./http-listener";

const AGENT_SECRET = "agent-secret-for-body-limits";
const DECIDE_TOKEN = "decide-token-for-body-limits";

/**
 * Only what the listener reads before a body: the Host guard's lists, a bundle naming one agent, one
 * connected upstream and the sidecar's token hashes. No Warden, database or upstream process is needed.
 */
const core = {
  config: {
    allowed_hosts: [],
    allowed_origins: [],
    decide_tokens_sha256: [createHash("sha256").update(DECIDE_TOKEN).digest("hex")],
  },
  bundle: { view: () => ({ bundle: { agentByCredentialHash: new Map([[hashSecret(AGENT_SECRET), {}]]) } }) },
  upstreams: new Map([["files", { slug: "files", connected: true }]]),
  log: () => {},
} as unknown as GatewayCore;

type Answer = { status: number; body: string; connection?: string; sent: number };

/** POSTs an endless chunked body (no Content-Length) until the gateway answers; counts the bytes written. */
function endless(port: number, path: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({
      port,
      host: "127.0.0.1",
      path,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && req.write(chunk)) {
        sent += chunk.length;
        if (sent > 64 * MAX_BODY_BYTES) return reject(new Error("the gateway kept reading"));
      }
      if (!answered) req.once("drain", pump);
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection, sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

/** A request that declares a body it never sends: refused from the header alone. */
function declared(port: number, path: string, token: string, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (c) => {
      text += c.toString("latin1");
      if (text.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(text.split("\r\n")[0]);
      }
    });
    socket.on("error", reject);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{`,
    );
  });
}

describe("gateway listener body limits", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createHttpListener(core);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses an initialize body without Content-Length with 413 at the limit, as a JSON-RPC error", async () => {
    const answer = await endless(port, "/mcp/files", AGENT_SECRET);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: "2.0", error: { code: -32001 }, id: null });
    expect(answer.connection).toBe("close");
    expect(answer.sent).toBeLessThan(4 * MAX_BODY_BYTES);
  });

  it("refuses a /v1/decide body without Content-Length with 413 at the limit, in Warden's error shape", async () => {
    const answer = await endless(port, "/v1/decide", DECIDE_TOKEN);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(answer.sent).toBeLessThan(4 * MAX_BODY_BYTES);
  });

  it("refuses a declared Content-Length over the limit before the body arrives", async () => {
    expect(await declared(port, "/mcp/files", AGENT_SECRET, MAX_BODY_BYTES + 1)).toMatch(/ 413 /);
    expect(await declared(port, "/v1/decide", DECIDE_TOKEN, 1024 * 1024 + 1)).toMatch(/ 413 /);
  });
});
