/**
 * Where `npm start` listens, and the URL it prints. The embedded demo prints its admin password, so it
 * listens on this machine only unless HOSTNAME names an address; on PostgreSQL (a deployment) Next's
 * default, every interface, stays. The URL names the address really bound (127.0.0.1, not localhost).
 */
export function listenAddress(env: NodeJS.ProcessEnv): { host: string | undefined; port: string; url: string } {
  const port = env.PORT ?? "3000";
  const host = env.HOSTNAME || (env.DATABASE_URL ? undefined : "127.0.0.1");
  const wildcard = !host || host === "0.0.0.0" || host === "::";
  const shown = wildcard ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return { host, port, url: `http://${shown}:${port}` };
}
