import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
// A stuck database must not keep a stopping server alive for ever.
const GIVE_UP_AFTER_MS = 10_000;

const holder = globalThis as typeof globalThis & { __wardenShutdownCheckpoint?: boolean };

/**
 * On SIGTERM or SIGINT, signs one last checkpoint so a clean stop leaves no unprotected tail.
 *
 * Next.js handles these signals itself: it stops accepting requests, lets those in flight finish, then
 * calls process.exit. The checkpoint has to come after the last of those requests wrote its audit
 * record and before the process ends, so process.exit is deferred until it is written. When nobody
 * else handles the signal, this exits itself.
 */
export function checkpointOnShutdown(): void {
  if (holder.__wardenShutdownCheckpoint) return;
  holder.__wardenShutdownCheckpoint = true;
  let stopping = false;
  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    if (stopping) return;
    stopping = true;
    const exit = process.exit.bind(process);
    let final: Promise<void> | undefined;
    process.exit = ((code?: number) => {
      final ??= finalCheckpoint();
      void final.finally(() => exit(code));
    }) as typeof process.exit;
    if (process.listenerCount(signal) === 1) process.exit(EXIT_CODES[signal]);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => onSignal(signal));
}

async function finalCheckpoint(): Promise<void> {
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), GIVE_UP_AFTER_MS).unref());
  try {
    const result = await Promise.race([writeCheckpoint(), timeout]);
    if (result === "timeout") console.error(`Final audit checkpoint: gave up after ${GIVE_UP_AFTER_MS / 1000} s`);
    else if (result) console.log(`Final audit checkpoint at #${result.sequence}.`);
  } catch (error) {
    console.error("Final audit checkpoint failed", error);
  }
}
