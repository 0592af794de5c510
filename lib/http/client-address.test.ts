import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientAddress, normalAddress, trustedProxyList, UNKNOWN_CLIENT } from "./client-address";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER } from "./peer-address";

// A real Node HTTP server with the server's stamp installed, as `next start` runs it: the address each
// request is taken for comes back in the body. Requests leave from 127.0.0.1 (a client) or 127.0.0.2 (the proxy).
const PROXY = "127.0.0.2";
const proxies = trustedProxyList(["127.0.0.2", "10.0.0.0/8", "fd00::/8"]);
let server: http.Server;
let port: number;

beforeAll(async () => {
  installPeerAddressStamp();
  server = http.createServer((req, res) => res.end(clientAddress(req.headers, proxies)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = (from: string, headers: http.OutgoingHttpHeaders = {}) =>
  new Promise<string>((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, localAddress: from, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
  });

describe("the client's address", () => {
  it("is the socket's address for a client that is not a trusted proxy, whatever it claims", async () => {
    const forgeries: http.OutgoingHttpHeaders[] = [
      {},
      { "x-forwarded-for": "198.51.100.1" },
      { "x-forwarded-for": "198.51.100.1, 127.0.0.2" },
      { "x-real-ip": "198.51.100.1" },
      { [PEER_ADDRESS_HEADER]: "198.51.100.1" },
      { [PEER_ADDRESS_HEADER]: `${"0".repeat(32)} 198.51.100.1` },
      { forwarded: "for=198.51.100.1" },
      { "x-forwarded-for": ["198.51.100.1", "10.0.0.1"] },
    ];
    for (const headers of forgeries) expect(await ask("127.0.0.1", headers), JSON.stringify(headers)).toBe("127.0.0.1");
  });

  it("is read from X-Forwarded-For, from the right, past trusted proxies only", async () => {
    const cases: [string | string[] | undefined, string][] = [
      [undefined, PROXY],
      ["198.51.100.1", "198.51.100.1"],
      // What the client wrote to the left of what the proxy saw is ignored.
      ["6.6.6.6, 198.51.100.1", "198.51.100.1"],
      ["6.6.6.6,198.51.100.1", "198.51.100.1"],
      // A chain of trusted proxies is skipped; the first untrusted hop is the client.
      ["6.6.6.6, 198.51.100.1, 10.1.2.3, 10.9.9.9", "198.51.100.1"],
      // Only proxies: the farthest one is the client.
      ["10.0.0.1", "10.0.0.1"],
      // Garbage stops the walk at the last proxy that passed it on.
      ["6.6.6.6, not-an-address", PROXY],
      ["6.6.6.6, 198.51.100.1, ", PROXY],
      // Spellings of one address are one client.
      ["::ffff:198.51.100.1", "198.51.100.1"],
      ["198.51.100.1:51234", "198.51.100.1"],
      ["[2001:DB8::1]:443", "2001:db8::1"],
      ["6.6.6.6, fd00::5, 2001:db8::2", "2001:db8::2"],
      // Sent twice, the header's copies are read as one list, the proxy's own last.
      [["6.6.6.6", "198.51.100.1"], "198.51.100.1"],
    ];
    for (const [xff, expected] of cases)
      expect(await ask(PROXY, xff === undefined ? {} : { "x-forwarded-for": xff }), String(xff)).toBe(expected);
  });

  it("is unknown, one shared bucket, for a request the server did not stamp", () => {
    const unstamped = new Headers({ "x-forwarded-for": "198.51.100.1", [PEER_ADDRESS_HEADER]: "x 198.51.100.1" });
    expect(clientAddress(unstamped, proxies)).toBe(UNKNOWN_CLIENT);
  });

  it("normalises spellings and refuses what is not an address", () => {
    expect(normalAddress(" ::FFFF:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalAddress("fe80::1%eth0")).toBe("fe80::1");
    for (const bad of ["", "unknown", "1.2.3", "999.1.1.1", "[::1", "_hidden", "1.2.3.4.5"])
      expect(normalAddress(bad)).toBeNull();
  });

  it("takes WARDEN_TRUSTED_PROXIES as addresses and CIDRs, and names a bad entry", () => {
    expect(parseEnv({ WARDEN_TRUSTED_PROXIES: " 10.0.0.0/8, 192.0.2.7 ,fd00::/8," }).WARDEN_TRUSTED_PROXIES).toEqual([
      "10.0.0.0/8",
      "192.0.2.7",
      "fd00::/8",
    ]);
    expect(parseEnv({}).WARDEN_TRUSTED_PROXIES).toEqual([]);
    for (const bad of ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8;rm", "*"])
      expect(() => parseEnv({ WARDEN_TRUSTED_PROXIES: bad })).toThrow(
        /WARDEN_TRUSTED_PROXIES: .* is not an IP address or CIDR/,
      );
  });
});
