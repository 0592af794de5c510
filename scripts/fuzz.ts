import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

// `npm run fuzz -- --runs 250 [--seed 42]`: the route fuzzer alone (e2e/fuzz), on a fresh production
// server, on PGlite or on the PostgreSQL of DATABASE_URL. CI runs it inside `npm test` with fewer runs.
const { values } = parseArgs({ options: { runs: { type: "string", default: "100" }, seed: { type: "string" } } });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FUZZ_RUNS: values.runs!,
  ...(values.seed ? { FUZZ_SEED: values.seed } : {}),
};
const result = spawnSync("npx", ["playwright", "test", "--project", "fuzz", "--no-deps", "--reporter", "line"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
