import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";

/**
 * Signs one last checkpoint when the server stops (graceful-shutdown.ts calls it after the last request
 * wrote its audit record), so a clean stop leaves no unprotected tail. A stuck database must not keep a
 * stopping server alive: after `budgetMs` it gives up and says so.
 */
export async function finalCheckpoint(budgetMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), budgetMs)));
  try {
    const result = await Promise.race([writeCheckpoint(), timeout]);
    if (result === "timeout") console.error(`Final audit checkpoint: gave up after ${budgetMs} ms`);
    else if (result) console.log(`Final audit checkpoint at #${result.sequence}.`);
  } catch (error) {
    console.error("Final audit checkpoint failed", error);
  } finally {
    clearTimeout(timer);
  }
}
