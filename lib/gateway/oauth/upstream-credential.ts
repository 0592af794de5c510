import { AsyncLocalStorage } from "node:async_hooks";
import type { GatewayConfig, UpstreamConfig } from "../config";
import type { CallerUser } from "./authenticate";
import { issuerMetadataCache } from "./issuer-metadata";
import { ExchangeFailed, tokenExchanger } from "./token-exchange";

/** The Authorization value of the upstream request being made for one call, when it is per user. */
const perCall = new AsyncLocalStorage<string>();

/**
 * The fetch an HTTP upstream's transport uses: a request made within `withUpstreamCredential` carries
 * that call's own credential; every other request (initialize, tools/list, the session's stream) the
 * upstream's configured headers only.
 */
export function upstreamFetch(base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const authorization = perCall.getStore();
    if (authorization === undefined) return base(input, init);
    const headers = new Headers(init?.headers);
    headers.set("authorization", authorization);
    return base(input, { ...init, headers });
  };
}

export const withUpstreamCredential = <T>(authorization: string | undefined, run: () => Promise<T>) =>
  authorization === undefined ? run() : perCall.run(authorization, run);

const exchangers = new WeakMap<GatewayConfig, ReturnType<typeof tokenExchanger>>();

/**
 * The credential one call sends its upstream: for `auth.mode: token_exchange`, a token for the upstream's
 * audience exchanged from the verified user's token (undefined otherwise: the configured headers apply).
 * Throws ExchangeFailed with the reason when there is none to be had; the call is then denied.
 */
export async function upstreamAuthorization(
  config: GatewayConfig,
  upstream: UpstreamConfig,
  slug: string,
  user: Partial<CallerUser>,
): Promise<string | undefined> {
  if (!("url" in upstream) || upstream.auth?.mode !== "token_exchange") return undefined;
  if (user.userSource !== "verified" || !user.token || !config.oauth?.client)
    throw new ExchangeFailed(
      `${slug} acts as the user: only a user signed in through OAuth can call it (this call's user is ${user.userSource ?? "none"})`,
    );
  let exchange = exchangers.get(config);
  if (!exchange) {
    exchange = tokenExchanger(config.oauth, issuerMetadataCache(config.oauth.issuer));
    exchangers.set(config, exchange);
  }
  const token = await exchange(`${user.subjectKey}\n${slug}`, user.token, upstream.auth);
  return `Bearer ${token.accessToken}`;
}
