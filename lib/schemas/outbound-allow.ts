import { BlockList, isIP } from "node:net";

/**
 * The deployment's exceptions to the outbound deny list (WARDEN_OUTBOUND_ALLOW): comma-separated
 * CIDRs or single addresses (any port), and host:port pairs (`siem.corp:6514`, `10.0.0.5:514`,
 * `[fd00::5]:514`) that allow exactly that port. A host name is matched as written in the target's URL.
 */
export type OutboundAllowList = {
  /** Addresses allowed on any port. */
  anyPort: BlockList;
  /** Addresses allowed on one port, by port. */
  byPort: Map<number, BlockList>;
  /** "host:port" for host names. */
  names: Set<string>;
};

/** The address family Node's BlockList wants for an address. */
export const addressFamily = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");
const PORT = /^\d{1,5}$/;
const NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*$/;

/** A host as compared everywhere: lower case, no brackets, no trailing dot. */
export const normalHost = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");

function parseEntry(entry: string, list: OutboundAllowList): boolean {
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const ip = normalHost(cidr[1]);
    const prefix = Number(cidr[2]);
    if (!isIP(ip) || prefix > (isIP(ip) === 6 ? 128 : 32)) return false;
    list.anyPort.addSubnet(ip, prefix, addressFamily(ip));
    return true;
  }
  if (isIP(normalHost(entry))) {
    list.anyPort.addAddress(normalHost(entry), addressFamily(normalHost(entry)));
    return true;
  }
  const hostPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (!hostPort || !PORT.test(hostPort[2])) return false;
  const port = Number(hostPort[2]);
  if (port < 1 || port > 65535) return false;
  const host = normalHost(hostPort[1]);
  if (isIP(host)) {
    const forPort = list.byPort.get(port) ?? new BlockList();
    forPort.addAddress(host, addressFamily(host));
    list.byPort.set(port, forPort);
    return true;
  }
  if (!NAME.test(host)) return false;
  list.names.add(`${host}:${port}`);
  return true;
}

/** Parses the setting; an entry that is not a CIDR, an address or host:port is an error, never ignored. */
export function parseOutboundAllow(spec: string | undefined): OutboundAllowList {
  const list: OutboundAllowList = { anyPort: new BlockList(), byPort: new Map(), names: new Set() };
  const bad = (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .filter((entry) => !parseEntry(entry, list));
  if (bad.length) throw new Error(`WARDEN_OUTBOUND_ALLOW: not a CIDR, an address or host:port: ${bad.join(", ")}`);
  return list;
}
