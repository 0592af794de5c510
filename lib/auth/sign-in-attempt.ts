import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a credentials sign-in decided that next-auth's own response cannot say: how long to wait (sent
 * as 429 with Retry-After) and the device cookie to set. next-auth's route runs inside `run`.
 */
export type SignInAttempt = { retryAfterSeconds?: number; deviceCookie?: string };

const storage = new AsyncLocalStorage<SignInAttempt>();

export const runSignInAttempt = <T>(attempt: SignInAttempt, fn: () => T) => storage.run(attempt, fn);
export const currentSignInAttempt = () => storage.getStore();

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (Next.js sets it from
 * the socket when no proxy did). Behind a proxy that appends to the header, that is the real client.
 */
export function clientAddress(headers: Record<string, string | undefined>): string | null {
  const forwarded = headers["x-forwarded-for"]?.split(",").pop()?.trim();
  const address = forwarded || headers["x-real-ip"]?.trim();
  return address ? address.slice(0, 64) : null;
}
