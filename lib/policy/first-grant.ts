import type { Evaluation } from "./decide";
import type { CallLimiter } from "./rate-limiter";
import { STALE_MS } from "./shared-rate-limiter";

/**
 * How long a call refused before its key's first grant waits for that grant: as long as the limiter itself holds
 * the store for alive (STALE_MS). The sync shares the database pool with the calls it lets through, so under a
 * burst it can queue behind them for more than a round trip (CI measured more than 1 s). Past it the call is
 * decided again, and refused if the grant has still not come: fail closed.
 */
export const FIRST_GRANT_WAIT_MS = STALE_MS;

/**
 * A decision whose rate-limit refusal came only from a shared limiter meeting a key for the first time: calls
 * under the limit, made in the round trip before the key's first grant arrives, are decided again once it has,
 * instead of refused (a burst at a gateway's start is what local buckets are for). Decided afresh, over the
 * policy as it is then. Only a refusal waits, so an admitted call never does. The second decision may take a second token of a limit the first one passed (the
 * server's, when the agent's refused): counts err high, never low.
 */
export async function decideAfterFirstGrants(
  limiter: CallLimiter,
  decide: () => Evaluation | Promise<Evaluation>,
  waitMs = FIRST_GRANT_WAIT_MS,
): Promise<Evaluation> {
  const before = limiter.firstGrantRefusals ?? 0;
  const e = await decide();
  if (e.outcome !== "deny" || !limiter.firstGrants || (limiter.firstGrantRefusals ?? 0) === before) return e;
  await limiter.firstGrants(waitMs);
  return await decide();
}
