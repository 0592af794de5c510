/**
 * The `next start` command line (the next binary itself, not npx, so a signal reaches the server).
 * Idle keep-alive connections stay open 65 s, longer than the clients and load balancers that reuse
 * them wait (Node's 5 s default let a client reuse a socket the server was just closing: ECONNRESET).
 */
export function nextStartArgs(port: number | string, host?: string): string[] {
  return [
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
    ...(host ? ["-H", host] : []),
    "--keepAliveTimeout",
    "65000",
  ];
}
