import { runScript } from "./lib/script-db";

// ensureDatabase() has applied every pending migration by the time this runs.
await runScript(async () => console.log("Database is up to date."));
