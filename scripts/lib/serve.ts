import { spawn, type ChildProcess } from "node:child_process";
import { nextStartArgs } from "./next-start";

/**
 * Starts `next start` on 127.0.0.1:port with `env` (this process's environment by default); resolves
 * once it answers, or at once with `inherit` (Playwright waits for it instead).
 */
export async function serve(
  port: number,
  options: { inherit?: boolean; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<ChildProcess> {
  const answers = () =>
    fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.ok,
      () => false,
    );
  if (!options.inherit && (await answers()))
    throw new Error(`Port ${port} is already in use: stop the other server first`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...nextStartArgs(port, "127.0.0.1")], {
    stdio: options.inherit ? "inherit" : "ignore",
    env: { ...(options.env ?? process.env), NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (options.inherit) return child;
  // Generous: a production server takes long to start on a loaded machine (and longer when profiled).
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (await answers()) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`next start did not answer on port ${port} within 180 s`);
}
