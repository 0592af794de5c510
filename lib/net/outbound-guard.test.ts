import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DENIED_HOSTS } from "@/lib/testing/denied-hosts";
import { parseOutboundAllow } from "@/lib/schemas/outbound-allow";
import { OutboundError } from "./outbound-error";
import { endpointOf, isDeniedAddress, resolveOutbound, type Resolver } from "./outbound-guard";
import { postOutbound } from "./outbound-http";

// Warden's own public name, which no target may name (set before env() first reads it).
process.env.NEXTAUTH_URL = "https://warden.example";

const none = parseOutboundAllow("");
const reason = (p: Promise<unknown>) =>
  p.then(
    () => "passed",
    (e: unknown) => (e instanceof OutboundError ? e.reason : `unexpected: ${String(e)}`),
  );
const check = (url: string, resolve?: Resolver, allow = none) => {
  const { host, port } = endpointOf(url);
  return reason(resolveOutbound(host, port, { resolve, allow }));
};

describe("outbound guard: what an ADMIN-configured target may reach", () => {
  it.each(DENIED_HOSTS)("refuses %s over http, https, tcp and tls", async (host) => {
    for (const scheme of ["http", "https"]) expect(await check(`${scheme}://${host}:8088/x`)).toBe("address_denied");
    // The syslog schema takes no IPv6 literal; the guard still refuses one.
    for (const scheme of ["tcp", "tls"]) expect(await check(`${scheme}://${host}:514`)).toBe("address_denied");
  });

  it("refuses a name when any address it resolves to is denied, and a name that does not resolve", async () => {
    const answers =
      (...a: string[]): Resolver =>
      async () =>
        a.map((address) => ({ address, family: 4 as const }));
    expect(await check("https://siem.example/", answers("93.184.216.34"))).toBe("passed");
    expect(await check("https://siem.example/", answers("93.184.216.34", "127.0.0.1"))).toBe("address_denied");
    expect(await check("https://siem.example/", answers("169.254.169.254"))).toBe("address_denied");
    expect(await check("https://siem.example/", answers())).toBe("dns_failed");
    expect(await check("https://nowhere.invalid/")).toBe("dns_failed");
    // Warden's own public name (NEXTAUTH_URL) is refused even when it resolves to a public address.
    expect(await check("https://WARDEN.example./api", answers("93.184.216.34"))).toBe("address_denied");
  });

  it("refuses every address of this host's own interfaces (Warden's API listens there)", () => {
    const own = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
    expect(own.length).toBeGreaterThan(0);
    for (const i of own) expect(isDeniedAddress(i.address), i.address).toBe(true);
    expect(isDeniedAddress("93.184.216.34")).toBe(false);
    expect(isDeniedAddress("2606:2800:220:1:248:1893:25c8:1946")).toBe(false);
    expect(isDeniedAddress("not-an-address")).toBe(true);
  });

  it("lets WARDEN_OUTBOUND_ALLOW name exceptions: CIDRs on any port, host:port on that port only", async () => {
    const allow = parseOutboundAllow("10.1.0.0/16, 127.0.0.1:5432, [::1]:514, siem.lab:6514, fd00::5");
    expect(await check("http://10.1.2.3:80/", undefined, allow)).toBe("passed");
    expect(await check("http://10.2.0.1:80/", undefined, allow)).toBe("address_denied");
    expect(await check("tcp://127.0.0.1:5432", undefined, allow)).toBe("passed");
    expect(await check("tcp://127.1:5432", undefined, allow)).toBe("passed");
    expect(await check("tcp://127.0.0.1:5433", undefined, allow)).toBe("address_denied");
    expect(await check("tcp://[::1]:514", undefined, allow)).toBe("passed");
    expect(await check("http://[fd00::5]:1/", undefined, allow)).toBe("passed");
    const lab: Resolver = async () => [{ address: "10.9.9.9", family: 4 }];
    expect(await check("tls://SIEM.lab.:6514", lab, allow)).toBe("passed");
    expect(await check("tls://siem.lab:514", lab, allow)).toBe("address_denied");
    for (const bad of ["siem.lab", "10.0.0.0/33", "a b:1", "host:0", "host:70000", "::1/129"])
      expect(() => parseOutboundAllow(bad), bad).toThrow(/WARDEN_OUTBOUND_ALLOW/);
  });
});

describe("outbound HTTP: pinned, no redirects, no body kept", () => {
  const hits: { server: string; path: string; authorization?: string }[] = [];
  const listen = (name: string, host: string, handler: http.RequestListener) => {
    const server = http.createServer((req, res) => {
      hits.push({ server: name, path: req.url ?? "", authorization: req.headers.authorization });
      handler(req, res);
    });
    return new Promise<http.Server>((r) => server.listen(0, host, () => r(server)));
  };
  let ok: http.Server, failing: http.Server, redirecting: http.Server, rebound: http.Server, slow: http.Server;
  const port = (s: http.Server) => (s.address() as AddressInfo).port;
  beforeAll(async () => {
    ok = await listen("ok", "127.0.0.1", (_, res) => res.end("fine"));
    failing = await listen("failing", "127.0.0.1", (_, res) =>
      res.writeHead(503).end("internal-db-7.corp:5432 is down, password=hunter2"),
    );
    redirecting = await listen("redirecting", "127.0.0.1", (_, res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${port(ok)}/stolen` }).end(),
    );
    slow = await listen("slow", "127.0.0.1", () => {});
    // The checked address of the rebinding test: 127.0.0.2 stands in for a public host.
    rebound = await listen("checked", "127.0.0.2", (_, res) => res.end());
  });
  afterAll(() =>
    Promise.all(
      [ok, failing, redirecting, slow, rebound].map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))),
    ),
  );
  const post = (url: string, options: Parameters<typeof postOutbound>[2], timeoutMs = 5000) =>
    postOutbound(url, { headers: { authorization: "Splunk secret-hec-token" }, body: "{}", timeoutMs }, options);

  it("never connects to a denied address: the token is not sent", async () => {
    hits.length = 0;
    for (const host of ["127.1", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]", "localhost"])
      expect(await reason(post(`http://${host}:${port(ok)}/services/collector`, { allow: none }))).toBe(
        "address_denied",
      );
    expect(hits).toEqual([]);
    const allow = parseOutboundAllow(`127.0.0.1:${port(ok)}`);
    await expect(post(`http://127.1:${port(ok)}/c`, { allow })).resolves.toEqual({ status: 200 });
    expect(hits).toEqual([{ server: "ok", path: "/c", authorization: "Splunk secret-hec-token" }]);
  });

  it("refuses a redirect (to 127.0.0.1 here) instead of following it", async () => {
    hits.length = 0;
    const allow = parseOutboundAllow(`127.0.0.1:${port(redirecting)}`);
    const error = await post(`http://127.0.0.1:${port(redirecting)}/`, { allow }).catch((e: OutboundError) => e);
    expect(error).toMatchObject({ reason: "redirect_refused", status: 302 });
    expect(hits.map((h) => h.server)).toEqual(["redirecting"]);
  });

  it("connects to the address it checked, whatever DNS answers next (rebinding)", async () => {
    hits.length = 0;
    let calls = 0;
    // Public-looking first, loopback ever after: the classic rebinding answer.
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
    const allow = parseOutboundAllow("127.0.0.2/32");
    // Same port on 127.0.0.1: if the socket resolved again, it would land on "ok".
    const url = `http://rebind.example:${port(rebound)}/hook`;
    await new Promise<void>((r) => ok.close(() => r()));
    ok = await new Promise<http.Server>((r) => {
      const s = http.createServer((req, res) => (hits.push({ server: "loopback", path: req.url ?? "" }), res.end()));
      s.listen(port(rebound), "127.0.0.1", () => r(s));
    });
    await expect(post(url, { resolve: rebinding, allow })).resolves.toEqual({ status: 200 });
    expect(calls).toBe(1);
    expect(hits.map((h) => h.server)).toEqual(["checked"]);
    // Loopback as the first answer is refused before any connection.
    expect(await reason(post(url, { resolve: rebinding, allow }))).toBe("address_denied");
    expect(hits.map((h) => h.server)).toEqual(["checked"]);
  });

  it("reports a classified reason and status, never the body", async () => {
    const allow = parseOutboundAllow("127.0.0.1/32");
    const error = await post(`http://127.0.0.1:${port(failing)}/`, { allow }).catch((e: OutboundError) => e);
    expect(error).toMatchObject({ reason: "http_503", status: 503, message: "http_503" });
    expect(JSON.stringify(error)).not.toMatch(/hunter2|internal-db/);
    expect(await reason(post("http://127.0.0.1:9/", { allow }))).toBe("connection_refused");
    expect(await reason(post(`http://127.0.0.1:${port(slow)}/`, { allow }, 300))).toBe("timeout");
  });
});
