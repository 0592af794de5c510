import { connect as tcp } from "node:net";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
const ALLOWED_ORIGIN = "https://agents.corp.example";

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

type Answer = { status: number; body: string };

/** One request written byte for byte (so it can carry two Host headers, or none), on its own connection. */
function raw(port: number, head: string, body = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = tcp(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      const header = all.subarray(0, split).toString("latin1");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(header)?.[1] ?? 0);
      let rest = all.subarray(split + 4);
      if (!/\r\ntransfer-encoding: chunked/i.test(header)) return resolve({ status, body: rest.toString("utf8") });
      const parts: Buffer[] = [];
      for (;;) {
        const eol = rest.indexOf("\r\n");
        const size = parseInt(rest.subarray(0, eol).toString("latin1"), 16);
        if (!(size > 0)) break;
        parts.push(rest.subarray(eol + 2, eol + 2 + size));
        rest = rest.subarray(eol + 2 + size + 2);
      }
      resolve({ status, body: Buffer.concat(parts).toString("utf8") });
    });
    const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : "";
    socket.end(`${head}${length}Connection: close\r\n\r\n${body}`);
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

describeWithDatabase("Gateway Origin and Host guard", () => {
  let warden: ReturnType<typeof wardenApi>;
  let gw: RunningGateway;
  let port: number;
  let slug: string;
  let credential: string;

  beforeAll(async () => {
    warden = wardenApi(await freePort());
    await warden.start();
    const team = await seedTeam();
    const server = await seedReferenceServer("everything", { slug: `everything-${team.slug}`, ownerTeamId: team.id });
    const agent = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: server.id,
      allowedTools: ["echo"],
      allowedOperations: ["read"],
    });
    const token = await createToken(sys, { name: `gw-${team.slug}`, scopes: ["bundle", "ingest"], expiresInDays: 1 });
    credential = (await issueAgentCredential(sys, agent.id)).secret;
    slug = server.slug;
    port = await freePort();
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: token.token },
        listen: `127.0.0.1:${port}`,
        allowed_hosts: ["GW.corp.example"],
        allowed_origins: [ALLOWED_ORIGIN],
        spool_dir: `${process.env.TMPDIR ?? "/tmp"}/warden-guard-${port}`,
        upstreams: {
          [slug]: {
            command: "node",
            args: ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"],
            // The guard is under test, not sessions: one shared upstream, so each initialize starts no process.
            shared: true,
          },
        },
      }),
      () => {},
    );
    for (let i = 0; i < 400 && (await fetch(`${gw.url}/healthz`)).status !== 200; i++) await sleep(50);
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await warden?.stop();
  });

  /** Every path the listener serves, as a request head (plus a body) with the given header lines. */
  const paths = () =>
    [
      [
        "POST",
        `/mcp/${slug}`,
        INITIALIZE,
        `Authorization: Bearer ${credential}\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\n`,
      ],
      ["POST", "/v1/decide", "{}", "Content-Type: application/json\r\n"],
      ["GET", "/metrics", "", ""],
      ["GET", "/healthz", "", ""],
    ] as const;
  const ask = (path: readonly [string, string, string, string], headers: string) =>
    raw(port, `${path[0]} ${path[1]} HTTP/1.1\r\n${headers}${path[3]}`, path[2]);

  /** What a request gets when the guard lets it through: the path's own answer. */
  const served = (path: string, a: Answer) =>
    path === "/v1/decide" ? a.status === 404 && /decide_tokens_sha256/.test(a.body) : a.status === 200;

  const expectRefusal = (a: Answer, status: number) => {
    expect(a.status).toBe(status);
    expect(JSON.parse(a.body)).toEqual({
      jsonrpc: "2.0",
      error: { code: expect.any(Number), message: expect.any(String) },
      id: null,
    });
  };

  it("refuses a request from a browser origin that is not allowed with 403 and a JSON-RPC error, on every path", async () => {
    const bad = [
      "https://evil.example",
      "null",
      `http://localhost:${port}`,
      `https://127.0.0.1:${port}`,
      "http://127.0.0.1:3000",
      `${ALLOWED_ORIGIN}.evil.example`,
      `${ALLOWED_ORIGIN}/path`,
      "https://agents.corp.example.",
      "http://agents.corp.example",
      "https://user@agents.corp.example",
      "",
    ];
    for (const path of paths()) {
      for (const origin of bad) expectRefusal(await ask(path, `Host: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\n`), 403);
      // Two Origin headers (Node would join them): one of them allowed is not enough.
      expectRefusal(
        await ask(path, `Host: 127.0.0.1:${port}\r\nOrigin: ${ALLOWED_ORIGIN}\r\nOrigin: https://evil.example\r\n`),
        403,
      );
    }
  });

  it("serves requests with no Origin (agents that are not browsers), from an allowed origin however it is spelled, and from the gateway's own origin", async () => {
    // The gateway's own origin (same scheme, Host and port) is served: only a page it served carries it.
    const own = [`http://127.0.0.1:${port}`, `HTTP://127.0.0.1:${port}/`];
    for (const path of paths())
      for (const origin of [null, ALLOWED_ORIGIN, "HTTPS://Agents.Corp.Example:443", `${ALLOWED_ORIGIN}/`, ...own]) {
        const a = await ask(path, `Host: 127.0.0.1:${port}\r\n${origin === null ? "" : `Origin: ${origin}\r\n`}`);
        expect(served(path[1], a), `${path[1]} with Origin ${origin}: ${a.status} ${a.body.slice(0, 200)}`).toBe(true);
      }
  });

  it("refuses a request with two Host headers, or none, with 400 and a JSON-RPC error", async () => {
    const local = `127.0.0.1:${port}`;
    for (const path of paths()) {
      for (const hosts of [
        [local, local],
        [local, "evil.example"],
        ["evil.example", local],
      ])
        expectRefusal(await ask(path, hosts.map((h) => `Host: ${h}\r\n`).join("")), 400);
      expectRefusal(await ask(path, ""), 400);
      expectRefusal(await raw(port, `GET ${path[1]} HTTP/1.0\r\n`), 400);
      // An absolute-form target names its own host, which would win over Host.
      expectRefusal(await raw(port, `GET http://evil.example${path[1]} HTTP/1.1\r\nHost: ${local}\r\n`), 400);
    }
  });

  it("judges each spelling of a host name the same way: case, the root's trailing dot and the port do not change the answer", async () => {
    const allowed = [
      `127.0.0.1:${port}`,
      "127.0.0.1",
      `LOCALHOST:${port}`,
      `localhost.:${port}`,
      "localhost",
      "Localhost.",
      `[::1]:${port}`,
      "gw.corp.example",
      "GW.CORP.EXAMPLE.:443",
    ];
    const refused = [
      "evil.example",
      `EVIL.example.:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      "gw.corp.example.evil.example",
      "localhost..",
      "127.0.0.2",
    ];
    const malformed = [
      `localhost:${port}@evil.example`,
      "evil.example/localhost",
      "localhost, evil.example",
      "localhost:99999",
      "[::1%25lo]",
      // One spelling per address: other spellings of 127.0.0.1 and [::1] are refused, not read as them.
      "[0:0::1]",
      "127.1",
      "2130706433",
      "0x7f.0.0.1",
    ];
    for (const path of paths()) {
      for (const host of allowed) {
        const a = await ask(path, `Host: ${host}\r\n`);
        expect(served(path[1], a), `${path[1]} with Host ${host}: ${a.status} ${a.body.slice(0, 200)}`).toBe(true);
      }
      for (const host of refused) expectRefusal(await ask(path, `Host: ${host}\r\n`), 403);
      for (const host of malformed) expectRefusal(await ask(path, `Host: ${host}\r\n`), 400);
    }
  });
});
