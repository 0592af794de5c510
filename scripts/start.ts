import { spawn } from "node:child_process";
import { ensureBuild } from "./lib/ensure-build";
import { nextStartArgs } from "./lib/next-start";

// `npm start`: build the production bundle if it is missing or stale, then serve it.
ensureBuild();
const port = process.env.PORT ?? "3000";
const child = spawn(process.execPath, nextStartArgs(port), {
  stdio: "inherit",
  env: { NEXTAUTH_URL: `http://localhost:${port}`, ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
