import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a credentials sign-in decided that next-auth's own response cannot say: how long to wait (sent
 * as 429 with Retry-After) and the device cookie to set. next-auth's route runs inside `run`.
 */
export type SignInAttempt = { retryAfterSeconds?: number; deviceCookie?: string };

const storage = new AsyncLocalStorage<SignInAttempt>();

export const runSignInAttempt = <T>(attempt: SignInAttempt, fn: () => T) => storage.run(attempt, fn);
export const currentSignInAttempt = () => storage.getStore();
