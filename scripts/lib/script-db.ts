import { closeConnection } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/startup/ensure-database";

/**
 * Runs a maintenance script against the configured database (migrated first). With embedded PGlite
 * the data folder must not be open in a running server: stop it first.
 */
export async function runScript(main: () => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    process.env.WARDEN_SEED_DEMO ??= "never";
    await ensureDatabase();
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    code = 1;
  } finally {
    await closeConnection();
  }
  process.exit(code);
}
