import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSourceText } from "@/components/layout/read-source-note";
import { systemActor, type TokenActor, type UserActor } from "@/lib/authz/actor";
import { closeConnection, db, useConnection } from "@/lib/db/client";
import { connectPostgres, type Connection } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { connectReplica, useReplica } from "@/lib/db/replica";
import { writeReplicaHeartbeat } from "@/lib/db/replica-heartbeat";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { env } from "@/lib/env";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { exportAuditEvents } from "@/lib/services/reports/export-audit-events";
import { getExportReadSource } from "@/lib/services/reports/get-export-read-source";
import { authenticateToken } from "@/lib/services/tokens/authenticate-token";
import { createToken } from "@/lib/services/tokens/create-token";
import { BACKENDS } from "@/lib/testing/test-database";
import { activeUser } from "@/lib/web-session/active-user";

const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000cc",
  name: "c",
  scopes: ["ingest"],
};
const sys = systemActor("test");
const NOW = new Date();

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `n` tool calls on server `server`, a few minutes ago (inside the dashboard's 24 hours). */
async function ingest(server: string, n: number) {
  const events = Array.from({ length: n }, (_, i) => ({
    eventId: `${server}-${i}`,
    timestamp: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(),
    server,
    tool: "t",
    agent: "a",
    outcome: "success",
    latencyMs: 5,
  }));
  const parsed = parseBatch(JSON.stringify(events), "application/json");
  if (!parsed.ok) throw new Error("bad fixture");
  await ingestEvents(collector, parsed.events);
}

const calls = (d: Awaited<ReturnType<typeof getDashboard>>) =>
  d.callsOverTime.reduce((n, b) => n + (b.success ?? 0), 0);

/**
 * Issue 26 (replicas): a primary and a "replica" that is the primary's copy at a common start, so every write
 * after it (audit events, a revoked token, a disabled user) is on the primary only, as on a replica that lags.
 * The replica's heartbeat is set the way a lagging replica would show it. PostgreSQL only: two databases.
 */
describe.skipIf(!BACKENDS.includes("postgres"))("read replica [postgres]", () => {
  const tag = randomUUID().replaceAll("-", "").slice(0, 12);
  const server = env().DATABASE_URL!;
  let primaryUrl = "";
  let replicaUrl = "";
  let drop = async () => {};
  let primary: Connection;
  let replica: Connection;
  let revokedToken = "";
  let user: UserActor;
  let setAt = 0;
  const setReplicaLag = (sql: string) => ((setAt = Date.now()), admin(replicaUrl, sql));
  /** The lag set, seen from the replica: at least what was set, plus the seconds since (the machine may be slow). */
  const lagOf = (set: number) => ({
    asymmetricMatch: (n: unknown) =>
      typeof n === "number" && n >= set && n <= set + Math.ceil((Date.now() - setAt) / 1000) + 1,
    toString: () => `a lag of ${set} s or a little more`,
  });

  beforeAll(async () => {
    const scratch = await createScratchDatabase(server, `rep_primary_${tag}`);
    primaryUrl = scratch.url;
    let conn = connectPostgres(primaryUrl, 4);
    await migrate(conn);
    useConnection(conn);
    // The common start: 10 calls, a token and an active user, and a heartbeat.
    await ingest("common", 10);
    revokedToken = (await createToken(sys, { name: "ci", scopes: ["read"], expiresInDays: 30 })).token;
    const row = await db().user.create({
      data: { email: `u-${tag}@corp.example`, name: "U", roles: ["ADMIN"], passwordHash: null },
    });
    user = { type: "USER", id: row.id, email: row.email, name: row.name, roles: row.roles };
    await writeReplicaHeartbeat();
    await closeConnection();
    const replicaName = `rep_replica_${tag}`;
    await admin(server, `CREATE DATABASE ${replicaName} TEMPLATE rep_primary_${tag}`);
    replicaUrl = Object.assign(new URL(primaryUrl), { pathname: `/${replicaName}` }).toString();
    drop = async () => {
      await scratch.drop();
      await admin(server, `DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
    };
    // After the start, on the primary only: 5 more calls, the token revoked, the user disabled.
    conn = connectPostgres(primaryUrl, 4);
    useConnection(conn);
    primary = conn;
    await ingest("later", 5);
    await db().apiToken.updateMany({ data: { revokedAt: new Date() } });
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    replica = connectReplica(replicaUrl);
  });

  afterAll(async () => {
    useReplica(null);
    await replica?.close();
    await closeConnection();
    await drop();
  });

  // A fresh probe each test (the lag measured is the heartbeat the test just set), with a limit of 60 s.
  beforeEach(() => useReplica(replica, 60));

  it("reads the dashboard and the explorer from a replica that lags less than the limit, and says how far behind", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp() - interval '42 seconds'`);
    const list = await listAuditEvents(sys, { category: "TOOL_CALL" });
    expect(list.total).toBe(10);
    expect(list.events.every((e) => e.server === "common")).toBe(true);
    expect(list.readSource).toEqual({ from: "replica", lagSeconds: lagOf(42) });
    const dashboard = await getDashboard(sys, { range: "24h" }, NOW);
    expect(calls(dashboard)).toBe(10);
    expect(dashboard.topServers).toEqual([{ key: "common", count: 10 }]);
    expect(dashboard.readSource).toEqual({ from: "replica", lagSeconds: lagOf(42) });
    expect(readSourceText(dashboard.readSource)).toMatch(/^Data from a read replica, 4\d s behind\.$/);
    expect(await getExportReadSource(sys)).toEqual({ from: "replica", lagSeconds: lagOf(42) });
  });

  it("exports the replica's rows up to its chain head, and records the export on the primary", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp() - interval '3 seconds'`);
    const [replicaHead] = await replica.prisma.$queryRaw<{ s: bigint }[]>`SELECT max(sequence) AS s FROM "AuditEvent"`;
    const out = await exportAuditEvents(sys, { format: "ndjson", category: "TOOL_CALL" });
    let text = "";
    for await (const chunk of out.chunks) text += chunk;
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(out.chainHead?.sequence).toBe(replicaHead.s.toString());
    expect(out.readSource).toEqual({ from: "replica", lagSeconds: lagOf(3) });
    const record = await db().auditEvent.findFirst({ where: { action: "report.exported" } });
    expect((record?.attributes as { upToSequence?: string }).upToSequence).toBe(replicaHead.s.toString());
    expect(await replica.prisma.auditEvent.count({ where: { action: "report.exported" } })).toBe(0);
    // A scheduled pack reads the primary: the 15 calls.
    const scheduled = await exportAuditEvents(sys, { format: "ndjson", category: "TOOL_CALL" }, "audit-log", "primary");
    let all = "";
    for await (const chunk of scheduled.chunks) all += chunk;
    expect(all.trim().split("\n")).toHaveLength(15);
    expect(scheduled.readSource).toBeNull();
  });

  it("reads from the primary when the replica's heartbeat is older than the limit, and says so", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp() - interval '95 seconds'`);
    const list = await listAuditEvents(sys, { category: "TOOL_CALL" });
    expect(list.total).toBe(15);
    expect(list.readSource).toEqual({ from: "primary", replica: "behind", lagSeconds: lagOf(95) });
    const dashboard = await getDashboard(sys, { range: "24h" }, NOW);
    expect(calls(dashboard)).toBe(15);
    expect(readSourceText(dashboard.readSource)).toMatch(
      /^The read replica is 9\d s behind: this data comes from the primary\.$/,
    );
    const out = await exportAuditEvents(sys, { format: "ndjson", category: "TOOL_CALL" });
    expect(out.readSource).toEqual({ from: "primary", replica: "behind", lagSeconds: lagOf(95) });
  });

  it("reads from the primary when the replica has no heartbeat at all", async () => {
    await setReplicaLag(`DELETE FROM "ReplicaHeartbeat"`);
    try {
      const list = await listAuditEvents(sys, { category: "TOOL_CALL" });
      expect(list.total).toBe(15);
      expect(list.readSource).toEqual({ from: "primary", replica: "behind", lagSeconds: null });
    } finally {
      await setReplicaLag(`INSERT INTO "ReplicaHeartbeat" (id, "beatAt") VALUES (1, clock_timestamp())`);
    }
  });

  it("reads from the primary when the replica cannot be reached, without failing the page", async () => {
    // Nothing listens on this port (the brief's range for this worktree).
    const down = connectReplica("postgresql://postgres@127.0.0.1:4799/rep_nowhere");
    useReplica(down, 30);
    try {
      const list = await listAuditEvents(sys, { category: "TOOL_CALL" });
      expect(list.total).toBe(15);
      expect(list.readSource).toEqual({ from: "primary", replica: "unreachable", lagSeconds: null });
      const dashboard = await getDashboard(sys, { range: "24h" }, NOW);
      expect(calls(dashboard)).toBe(15);
      expect(readSourceText(dashboard.readSource)).toBe(
        "The read replica cannot be reached: this data comes from the primary.",
      );
    } finally {
      await down.close();
    }
  });

  it("reads again from the primary when the replica fails in the middle of a read", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp()`);
    // A replica whose heartbeat answers but whose audit table does not (a migration not yet replayed, say).
    await admin(replicaUrl, `ALTER TABLE "AuditEvent" RENAME TO "AuditEventElsewhere"`);
    try {
      const list = await listAuditEvents(sys, { category: "TOOL_CALL" });
      expect(list.total).toBe(15);
      expect(list.readSource).toEqual({ from: "primary", replica: "unreachable", lagSeconds: null });
    } finally {
      await admin(replicaUrl, `ALTER TABLE "AuditEventElsewhere" RENAME TO "AuditEvent"`);
    }
  });

  it("never sends authorization or session reads to the replica, even while it is fresh", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp()`);
    expect((await listAuditEvents(sys, {})).readSource?.from).toBe("replica");
    // Revoked and disabled on the primary only: the replica still shows both as valid.
    expect(await replica.prisma.apiToken.count({ where: { revokedAt: null } })).toBe(1);
    expect(await authenticateToken(revokedToken)).toBeNull();
    expect((await replica.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(false);
    expect(await activeUser(user.id, undefined, undefined)).toBeNull();
    // Only the read paths named in docs/operations.md import the replica.
    const importers = execFileSync("git", ["grep", "-l", '@/lib/db/replica"', "--", "lib", "app", "components"], {
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .filter((f) => !f.endsWith(".test.ts"));
    expect(importers.sort()).toEqual(
      [
        "app/(console)/reports/_components/audit-export-card.tsx",
        "app/(console)/reports/_components/reports-view.tsx",
        "components/layout/read-source-note.tsx",
        "lib/api/read-source-header.ts",
        "lib/queries/audit.ts",
        "lib/services/audit/list-audit-events.ts",
        "lib/services/dashboard/get-dashboard.ts",
        "lib/services/reports/export-audit-events.ts",
        "lib/services/reports/get-export-read-source.ts",
      ].sort(),
    );
  });

  it("takes no write on the replica connection, and stamps the heartbeat on the primary only", async () => {
    await setReplicaLag(`UPDATE "ReplicaHeartbeat" SET "beatAt" = clock_timestamp() - interval '42 seconds'`);
    await expect(replica.prisma.$executeRaw`UPDATE "ReplicaHeartbeat" SET "beatAt" = now()`).rejects.toThrow(
      /read-only/,
    );
    await writeReplicaHeartbeat();
    const age = async (c: Connection) =>
      (
        await c.prisma.$queryRaw<{ s: number }[]>`
          SELECT EXTRACT(EPOCH FROM clock_timestamp() - "beatAt")::float8 AS s FROM "ReplicaHeartbeat"`
      )[0].s;
    expect(await age(primary)).toBeLessThan(10);
    expect(await age(replica)).toBeGreaterThanOrEqual(42);
  });
});

describe("the read-source note", () => {
  it("says nothing without a replica or while it is current, and says where the data came from otherwise", () => {
    expect(readSourceText(null)).toBeNull();
    expect(readSourceText({ from: "replica", lagSeconds: 2 })).toBeNull();
    expect(readSourceText({ from: "replica", lagSeconds: 42 })).toBe("Data from a read replica, 42 s behind.");
    expect(readSourceText({ from: "replica", lagSeconds: 600 })).toBe("Data from a read replica, 10 min behind.");
    expect(readSourceText({ from: "primary", replica: "behind", lagSeconds: null })).toBe(
      "The read replica shows no heartbeat yet: this data comes from the primary.",
    );
  });
});
