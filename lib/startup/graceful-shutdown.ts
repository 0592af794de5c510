import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { releaseHeldLeases } from "@/lib/db/lease-keeper";
import { markServerStopping } from "@/lib/server-stopping";
import { finalCheckpoint } from "./shutdown-checkpoint";

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
/** The whole stop, from the signal to the exit, takes at most this long. */
export const STOP_WITHIN_MS = 10_000;
/** Requests still running this long after the signal are cut, so the final checkpoint gets the rest. */
const CUT_CONNECTIONS_AFTER_MS = 5_000;
/** The last moment to exit, whatever is still running (a margin under STOP_WITHIN_MS). */
const EXIT_BY_MS = STOP_WITHIN_MS - 500;

const holder = globalThis as typeof globalThis & { __wardenGracefulShutdown?: boolean };

type Start = { request: IncomingMessage; response: ServerResponse; server: Server };

/**
 * How this server stops on SIGTERM or SIGINT, within STOP_WITHIN_MS:
 * 1. It marks itself stopping (lib/server-stopping.ts): held bundle long polls answer 503 at once, and new
 *    ones are refused, so gateways stop counting on a policy no admin can change any more.
 * 2. Every answer from then on carries `Connection: close`, and idle keep-alive sockets are closed, again
 *    and again: Node's `server.close()` (which `next start` calls) closes idle sockets only once and then
 *    keeps serving requests on the sockets still open, for as long as clients send them.
 * 3. Requests still running after CUT_CONNECTIONS_AFTER_MS are cut; Next.js then closes and calls
 *    process.exit. That exit is deferred until one last audit checkpoint is signed (a clean stop leaves no
 *    unprotected tail) and this instance's job leases are released, or the deadline passes.
 * When nobody else handles the signal (no `next start` around), this exits itself.
 */
export function stopGracefully(): void {
  if (holder.__wardenGracefulShutdown) return;
  holder.__wardenGracefulShutdown = true;
  const servers = new Set<Server>();
  const open = new Set<ServerResponse>();
  let stopping = false;

  // Node publishes every request it parses here (a public API): the servers and answers of this process.
  subscribe("http.server.request.start", (message) => {
    const { response, server } = message as Start;
    servers.add(server);
    if (stopping) return void closeAfter(response);
    open.add(response);
    response.once("close", () => open.delete(response));
  });

  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    if (stopping) return;
    stopping = true;
    const startedAt = Date.now();
    markServerStopping();
    for (const response of open) closeAfter(response);
    const closeIdle = () => servers.forEach((s) => s.closeIdleConnections());
    closeIdle();
    const sweeper = setInterval(closeIdle, 100);
    setTimeout(() => servers.forEach((s) => s.closeAllConnections()), CUT_CONNECTIONS_AFTER_MS);

    const exit = process.exit.bind(process);
    let final: Promise<void> | undefined;
    process.exit = ((code?: number) => {
      clearInterval(sweeper);
      // Then the singleton jobs' leases go, so another instance takes them over without waiting for expiry.
      final ??= finalCheckpoint(Math.max(0, startedAt + EXIT_BY_MS - Date.now())).then(releaseHeldLeases);
      void final.finally(() => exit(code));
    }) as typeof process.exit;
    // Whatever still runs at the deadline, the process goes.
    setTimeout(() => exit(EXIT_CODES[signal]), EXIT_BY_MS).unref();
    if (process.listenerCount(signal) === 1) process.exit(EXIT_CODES[signal]);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => onSignal(signal));
}

/** The socket closes once this answer is sent, unless its headers are already on their way. */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader("connection", "close");
}
