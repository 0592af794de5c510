import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER, peerAddress } from "./peer-address";

/** What every caller gets when the server cannot tell who connected: one shared (and so strict) bucket. */
export const UNKNOWN_CLIENT = "unknown";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

const read = (headers: HeaderSource, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

/** `::ffff:192.0.2.1` and `192.0.2.1` are one client; `[2001:db8::1]:443` and `192.0.2.1:80` lose the port. */
export function normalAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value : null;
}

/** Parses WARDEN_TRUSTED_PROXIES' entries (addresses or CIDRs, already checked by lib/env). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

let cached: { key: string; list: BlockList } | undefined;
function configuredProxies(): BlockList {
  const entries = env().WARDEN_TRUSTED_PROXIES;
  const key = entries.join(",");
  if (cached?.key !== key) cached = { key, list: trustedProxyList(entries) };
  return cached.list;
}

const trusted = (list: BlockList, address: string) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address, for the sign-in throttle and the audit record: the socket's address, unless
 * that is a configured proxy (WARDEN_TRUSTED_PROXIES). Then X-Forwarded-For is read from the right, each
 * trusted proxy's entry skipped, and the first address no trusted proxy vouches for is the client; what
 * lies further left was written by the client and is ignored. An entry that is not an address stops the
 * walk at the last proxy that passed it on. X-Real-IP and client-sent copies of the server's own stamp
 * are never believed. Without a stamped socket address (a request the server did not stamp) the answer
 * is UNKNOWN_CLIENT, never a header's word.
 */
export function clientAddress(headers: HeaderSource, proxies: BlockList = configuredProxies()): string {
  const peer = normalAddress(peerAddress(read(headers, PEER_ADDRESS_HEADER)) ?? "");
  if (!peer) return UNKNOWN_CLIENT;
  let client = peer;
  const forwarded = (read(headers, "x-forwarded-for") ?? "").split(",").reverse();
  for (const entry of forwarded) {
    if (!trusted(proxies, client)) break;
    const next = normalAddress(entry);
    if (!next) break;
    client = next;
  }
  return client;
}
