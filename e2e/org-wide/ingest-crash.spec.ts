import { execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { serve } from "@/scripts/lib/serve";
import { expect, test } from "../support/fixtures";

// Its own server, killed with SIGKILL in the middle of ingesting, then restarted on the same database.
const PORT = 3120;
const base = `http://127.0.0.1:${PORT}`;
const BATCHES = 16;
const PER_BATCH = 500;

const exited = (child: ChildProcess) =>
  new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));

test("a server killed mid-ingest loses no acknowledged event and stores none twice after retries", async () => {
  test.setTimeout(180_000);
  const pgUrl = readFileSync(".data/e2e-database-url", "utf8").trim();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WARDEN_SEED_DEMO: "never",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: base,
  };
  const dir = `.data/crash-${Date.now()}`;
  const scratch = pgUrl ? await createScratchDatabase(pgUrl, `warden_crash_${Date.now()}`) : null;
  if (scratch) {
    env.DATABASE_URL = scratch.url;
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = `${dir}/pglite`;
  }
  const token = execFileSync("npx", ["tsx", "scripts/token-create.ts", "--name", "crash", "--scopes", "ingest,read"], {
    env,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop()!;
  const batches = Array.from({ length: BATCHES }, (_, b) =>
    JSON.stringify(
      Array.from({ length: PER_BATCH }, (_, i) => ({
        eventId: `crash-${b}-${i}`,
        timestamp: new Date(Date.now() - i * 1000).toISOString(),
        server: "crm",
        tool: "query",
        agent: "bot",
        outcome: "success",
        arguments: { b, i },
      })),
    ),
  );
  const send = (body: string) =>
    fetch(`${base}/api/v1/audit/events`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });

  let server = await serve(PORT, { env });
  const acknowledged = new Set<number>();
  try {
    let next = 0;
    const sender = async () => {
      while (next < BATCHES) {
        const b = next++;
        try {
          const res = await send(batches[b]);
          if (res.ok && (await res.json()).accepted === PER_BATCH) acknowledged.add(b);
        } catch {
          return; // the server died under us
        }
        if (acknowledged.size === 4) server.kill("SIGKILL");
      }
    };
    await Promise.all([sender(), sender()]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(4);
    expect(acknowledged.size).toBeLessThan(BATCHES);

    await exited(server);
    server = await serve(PORT, { env });
    let accepted = 0;
    let duplicates = 0;
    for (const body of batches) {
      const r = await (await send(body)).json();
      accepted += r.accepted;
      duplicates += r.duplicates;
    }
    expect(duplicates).toBeGreaterThanOrEqual(acknowledged.size * PER_BATCH);
    expect(accepted + duplicates).toBe(BATCHES * PER_BATCH);
    const verify = await (
      await fetch(`${base}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(verify.ok).toBe(true);
  } finally {
    server.kill("SIGTERM");
    await exited(server);
  }

  const sql = `SELECT count(*)::int AS n, count(DISTINCT "eventId")::int AS d FROM "AuditEvent" WHERE "eventId" LIKE 'crash-%'`;
  let counts: { n: number; d: number };
  if (scratch) {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    counts = (await c.query(sql)).rows[0];
    await c.end();
    await scratch.drop();
  } else {
    const lite = new PGlite(env.PGLITE_DIR);
    counts = (await lite.query<{ n: number; d: number }>(sql)).rows[0];
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(counts).toEqual({ n: BATCHES * PER_BATCH, d: BATCHES * PER_BATCH });
});
