import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ensureBuild } from "./lib/ensure-build";
import { listenAddress } from "./lib/listen-address";
import { nextStartArgs } from "./lib/next-start";
import { box } from "@/lib/startup/box";

// `npm start`: build the production bundle if it is missing or stale, then serve it.
const started = Date.now();
ensureBuild();
const { host, port, url } = listenAddress(process.env);
const child = spawn(process.execPath, nextStartArgs(port, host), {
  stdio: ["inherit", "pipe", "inherit"],
  env: { NEXTAUTH_URL: url, ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
// Next says "Ready" once it listens, before Warden has migrated and seeded: say what is really going on.
createInterface({ input: child.stdout! }).on("line", (line) =>
  console.log(/✓ Ready in/.test(line) ? "  Next.js is listening; Warden is preparing its database…" : line),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

// The URL is printed only once the sign-in page answers, which is after migrations and the demo seed.
void (async () => {
  for (;;) {
    const ok = await fetch(`${url}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(box([`Warden is ready: ${url}`, `(started in ${Math.round((Date.now() - started) / 1000)} s)`]));
})();
