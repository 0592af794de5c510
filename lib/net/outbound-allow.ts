import { addressFamily, normalHost, type OutboundAllowList } from "@/lib/schemas/outbound-allow";

/** Does the allow-list name this destination (the URL's host, the port, one resolved address)? */
export function isAllowed(list: OutboundAllowList, host: string, port: number, address: string): boolean {
  const f = addressFamily(address);
  return (
    list.anyPort.check(address, f) ||
    Boolean(list.byPort.get(port)?.check(address, f)) ||
    list.names.has(`${normalHost(host)}:${port}`)
  );
}
