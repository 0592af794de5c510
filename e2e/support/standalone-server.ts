import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

/** A port free right now on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Resolves with a child's exit code once it has exited (at once when it already has). */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code)),
  );

/**
 * The environment of a console of a spec's own, beside the shared e2e server: its own embedded database
 * in `root`, no demo seed, and a checkpoint key and folder of its own making.
 */
export const standaloneEnv = (root: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: "",
  WARDEN_CHECKPOINT_DIR: "",
  WARDEN_SIGNING_KEY: "",
  PGLITE_DIR: path.join(root, "pglite"),
  WARDEN_SEED_DEMO: "never",
  NEXT_TELEMETRY_DISABLED: "1",
});
