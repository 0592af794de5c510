import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import os from "node:os";
import { env, outboundAllowSetting } from "@/lib/env";
import { normalHost, parseOutboundAllow, type OutboundAllowList } from "@/lib/schemas/outbound-allow";
import { isAllowed } from "./outbound-allow";
import { OutboundError } from "./outbound-error";

/**
 * The one gate for calls to addresses an ADMIN configures (SIEM targets, webhooks): the host is resolved
 * with the resolver the connection would use, every address it resolves to is checked, and the caller
 * connects to the checked address only (`pinnedLookup`), so a second DNS answer cannot swap it.
 *
 * Calls configured by the deployment's environment (OIDC_ISSUER, POISONING_REVIEW_URL, the gateway's
 * WARDEN_URL) do not pass here: whoever sets the environment already controls the server, and those
 * commonly point at internal services on purpose.
 */

export type Resolved = { address: string; family: 4 | 6 };
export type Resolver = (host: string) => Promise<Resolved[]>;

const DENIED = new BlockList();
// IPv4 (RFC 6890 special-purpose registry): this network, private, CGNAT, loopback, link-local (cloud
// metadata 169.254.169.254), IETF protocol assignments, documentation, 6to4 relay, benchmarking,
// multicast, reserved and broadcast. A v4 rule also matches the IPv4-mapped v6 form of the address.
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  DENIED.addSubnet(net, bits, "ipv4");
// IPv6: unspecified, loopback and IPv4-compatible (::/96), NAT64, discard, Teredo, documentation, 6to4,
// unique-local, link-local, site-local, multicast.
for (const [net, bits] of [
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  DENIED.addSubnet(net, bits, "ipv6");
// IPv4-mapped (::ffff:0:0/96) is kept apart: Node's BlockList matches every IPv4 address against it.
const MAPPED = new BlockList();
MAPPED.addSubnet("::ffff:0:0", 96, "ipv6");

/** Is this address one an ADMIN-configured target may not reach (deny list, or an address of this host)? */
export function isDeniedAddress(address: string): boolean {
  const family = isIP(address);
  if (!family) return true;
  const type = family === 6 ? "ipv6" : "ipv4";
  if (DENIED.check(address, type) || (family === 6 && MAPPED.check(address, "ipv6"))) return true;
  // Warden's own interfaces: its API listens on them, whatever their range.
  return Object.values(os.networkInterfaces()).some((list) =>
    list?.some((i) => i.address.toLowerCase() === address.toLowerCase()),
  );
}

/** Warden's own public name (NEXTAUTH_URL): its API, even when it resolves to a public address. */
function isWardenItself(host: string): boolean {
  const own = env().NEXTAUTH_URL;
  return own ? normalHost(new URL(own).hostname) === host : false;
}

let allowCache: { spec: string | undefined; list: OutboundAllowList } | undefined;
function currentAllowList(): OutboundAllowList {
  const spec = outboundAllowSetting();
  if (!allowCache || allowCache.spec !== spec) {
    let list: OutboundAllowList;
    try {
      list = parseOutboundAllow(spec);
    } catch {
      list = parseOutboundAllow(""); // unreadable exceptions: none apply (env() reports it at start-up)
    }
    allowCache = { spec, list };
  }
  return allowCache.list;
}

const DNS_TIMEOUT_MS = 5000;
/** getaddrinfo, as net.connect uses: `127.1`, `2130706433` and `0x7f000001` all come back as 127.0.0.1. */
const systemResolver: Resolver = async (host) =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type GuardOptions = { resolve?: Resolver; allow?: OutboundAllowList };

/**
 * Resolves host and checks every address: one denied address refuses the whole name (a round-robin
 * answer cannot smuggle loopback in). Returns the address to connect to. Throws OutboundError
 * `address_denied` or `dns_failed`.
 */
export async function resolveOutbound(host: string, port: number, options: GuardOptions = {}): Promise<Resolved> {
  const name = normalHost(host);
  const allow = options.allow ?? currentAllowList();
  let addresses: Resolved[];
  const literal = isIP(name);
  if (literal) addresses = [{ address: name, family: literal as 4 | 6 }];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        (options.resolve ?? systemResolver)(name),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), DNS_TIMEOUT_MS))),
      ]);
    } catch {
      throw new OutboundError("dns_failed");
    } finally {
      clearTimeout(timer);
    }
  }
  if (addresses.length === 0) throw new OutboundError("dns_failed");
  const own = isWardenItself(name);
  for (const a of addresses) {
    if (isAllowed(allow, name, port, a.address)) continue;
    if (own || isDeniedAddress(a.address)) throw new OutboundError("address_denied");
  }
  return addresses[0];
}

/** A lookup that answers only the checked address: the socket connects where the guard looked. */
export function pinnedLookup(pinned: Resolved): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** Host and port of a target URL (http, https, tcp, tls), as the guard and the sockets use them. */
export function endpointOf(url: string): { protocol: string; host: string; port: number } {
  const u = new URL(url);
  const port = Number(u.port) || (u.protocol === "https:" ? 443 : u.protocol === "http:" ? 80 : 0);
  return { protocol: u.protocol, host: normalHost(u.hostname), port };
}
