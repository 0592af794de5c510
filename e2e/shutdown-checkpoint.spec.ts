import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@/scripts/lib/serve";
import { expect, test } from "./support/fixtures";
import { exited, freePort, standaloneEnv } from "./support/standalone-server";

// Its own server on its own embedded database: stopped with SIGTERM, it signs the records written since
// the last checkpoint before it exits, so a clean stop leaves no unprotected tail.
test("a server stopped with SIGTERM checkpoints the chain head, in the database and the anchors folder", async () => {
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), "warden-shutdown-"));
  const port = await freePort();
  const env = standaloneEnv(root);
  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], { env, encoding: "utf8" });
  const token = execFileSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/token-create.ts", "--name", "gw", "--scopes", "ingest"],
    { env, encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .pop()!;
  const server = await serve(port, { env });
  try {
    const ingest = async (batch: number) => {
      const events = Array.from({ length: 20 }, (_, i) => ({
        eventId: `stop-${batch}-${i}`,
        timestamp: new Date().toISOString(),
        server: "crm",
        tool: "query",
        agent: "bot",
        outcome: "success",
      }));
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/audit/events`, {
        method: "POST",
        body: JSON.stringify(events),
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
      expect((await res.json()).accepted).toBe(20);
    };
    // The first batch is checkpointed at once (there was none); the second lands within the minute, so
    // only the stop can sign it.
    await ingest(1);
    await ingest(2);
  } finally {
    server.kill("SIGTERM");
  }
  expect(await exited(server)).toBe(143);

  const verified = run("scripts/audit-verify.ts", "--full");
  expect(verified.stdout).toMatch(
    /^OK: 41 records and \d+ signed checkpoints? verified .*; 0 records past the last checkpoint \(#41\)/,
  );
  expect(verified.status).toBe(0);
  // The default pass starts from the newest trusted checkpoint: the one the stop signed, over the head.
  const incremental = run("scripts/audit-verify.ts");
  expect(incremental.stdout).toMatch(/^OK: 0 records after the trusted checkpoint at #41 /);
  expect(incremental.status).toBe(0);
  const anchored = readdirSync(path.join(root, "checkpoints"), { recursive: true }) as string[];
  const head = /head #(\d+)/.exec(verified.stdout)![1];
  expect(anchored).toContainEqual(expect.stringMatching(new RegExp(`${head.padStart(20, "0")}\\.json$`)));
  rmSync(root, { recursive: true, force: true });
});
