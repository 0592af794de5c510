import { AppError } from "@/lib/errors";

/**
 * Whether this server process has begun to stop (SIGTERM or SIGINT): an AbortSignal that long-running
 * requests watch, so they end at once instead of holding the stop up. Kept on globalThis because Next.js
 * loads instrumentation and each route in bundles of their own, which share only the process.
 */
const holder = globalThis as typeof globalThis & { __wardenStopping?: AbortController };

const controller = () => (holder.__wardenStopping ??= new AbortController());

/** Aborted once the process begins to stop; never reset. */
export function serverStopping(): AbortSignal {
  return controller().signal;
}

/** Called by the shutdown path (lib/startup/graceful-shutdown.ts) when the first stop signal arrives. */
export function markServerStopping(): void {
  controller().abort(new Error("Warden is stopping"));
}

/**
 * Throws 503 once the server is stopping: a stopping Warden vouches for nothing that a client would keep
 * relying on after it is gone (a policy bundle's freshness, above all). Retry-After 1: another instance.
 */
export function assertServerRunning(stopping: AbortSignal = serverStopping()): void {
  if (stopping.aborted)
    throw new AppError("UNAVAILABLE", "Warden is stopping: retry, or ask another instance", undefined, undefined, 1);
}
