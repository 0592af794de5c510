import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { env } from "@/lib/env";
import { auditTriggers } from "@/lib/testing/audit-triggers";
import { applyAuditRetention } from "@/lib/services/audit/audit-retention";
import { ensureAuditPartitions } from "@/lib/services/audit/ensure-audit-partitions";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { appRoleGrants } from "./app-role";
import { closeConnection, db, useConnection } from "./client";
import { connectPostgres, type Connection } from "./connection";
import { migrate } from "./migrate";

const serverUrl = env().DATABASE_URL;
const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
const owner = `warden_owner_${suffix}`;
const app = `warden_app_${suffix}`;
const database = `warden_roles_${suffix}`;
const urlFor = (user: string) => {
  const url = new URL(serverUrl!);
  url.username = user;
  url.password = "";
  url.pathname = `/${database}`;
  return url.toString();
};

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// A PostgreSQL role is what this is about: PGlite has one user, so this runs on PostgreSQL only.
describe.skipIf(!serverUrl)("running Warden as a role that may only INSERT and SELECT the audit tables", () => {
  let ownerConn: Connection;
  let appConn: Connection;
  let dir: string;
  beforeAll(async () => {
    await asSuperuser(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${app} LOGIN`);
    await asSuperuser(`CREATE DATABASE ${database} OWNER ${owner}`);
    // Migrations and grants run as the owner (DATABASE_MIGRATE_URL); Warden runs as the app role (DATABASE_URL).
    ownerConn = connectPostgres(urlFor(owner), 2);
    await migrate(ownerConn);
    await ownerConn.withSession((s) => s.exec(appRoleGrants(app)));
    useConnection((appConn = connectPostgres(urlFor(app), 4)));
    dir = await mkdtemp(path.join(tmpdir(), "warden-anchors-"));
  });
  afterAll(async () => {
    await closeConnection();
    await ownerConn?.close();
    await asSuperuser(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await asSuperuser(`DROP ROLE IF EXISTS ${app}; DROP ROLE IF EXISTS ${owner}`);
    await rm(dir, { recursive: true, force: true });
    await rm(`${dir}-archive`, { recursive: true, force: true });
  });

  it("serves decisions, approvals, webhooks and checkpoints, and the chain verifies", async () => {
    const w = await seedDecisionWorld();
    const call = { agent: w.agent.clientId, server: w.server.slug, tool: "update_record", arguments: { id: "1" } };
    const pending = await decideToolCall(gateway, { ...call, onBehalfOf: w.requester.email });
    expect(pending.decision).toBe("pending");
    await voteOnRequest(w.approvers[0], (pending as { approvalId: string }).approvalId, { decision: "approve" });
    expect((await decideToolCall(gateway, { ...call, onBehalfOf: w.requester.email })).decision).toBe("allow");
    expect(await writeCheckpoint({ anchorsDir: dir })).not.toBeNull();
    // Partitions made by the role through warden_audit_partition (months the migration did not make) are as
    // closed to it as the migration's.
    const later = await ensureAuditPartitions(new Date(Date.now() + 70 * 86_400_000));
    for (const partition of [...(await ensureAuditPartitions()), ...later])
      await expect(db().$executeRawUnsafe(`DELETE FROM "${partition}"`)).rejects.toThrow(/permission denied/);
    expect(later).toHaveLength(2);
    expect(await verifyChain(db(), { anchorsDir: dir })).toMatchObject({ ok: true, anchors: 1, unprotected: 0 });
  });

  it.each([
    ["AuditEvent", `"action" = 'x'`],
    ["AuditEventKey", `"eventId" = 'x'`],
    ["AuditCheckpoint", `"hash" = 'x'`],
    ["SigningKey", `"publicKey" = 'x'`],
    ["AuditSeal", `"lastHash" = 'x'`],
  ])("refuses UPDATE, DELETE and TRUNCATE of %s", async (table, set) => {
    for (const sql of [`UPDATE "${table}" SET ${set}`, `DELETE FROM "${table}"`, `TRUNCATE "${table}" CASCADE`])
      await expect(db().$executeRawUnsafe(sql)).rejects.toThrow(/permission denied/);
  });

  it("may not disable the triggers, change the schema, or touch the migrations table", async () => {
    await expect(db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(db().$executeRawUnsafe(`CREATE TABLE "Shadow" (id int)`)).rejects.toThrow(/permission denied/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied/);
  });

  it("leaves the owner refused by the triggers, unless they disable them", async () => {
    for (const sql of [`DELETE FROM "AuditEvent"`, `TRUNCATE "AuditEvent", "AuditCheckpoint"`])
      await expect(ownerConn.withSession((s) => s.exec(sql))).rejects.toThrow(/append-only/);
  });

  it("seals and archives a month past retention, and leaves the drop to the owner: no other way removes it", async () => {
    await ensureAuditPartitions(new Date("2024-01-15T00:00:00Z"));
    // The owner makes an old month of what the first case recorded.
    await ownerConn.withSession((s) =>
      s.exec(`${auditTriggers("DISABLE")} UPDATE "AuditEvent" SET "recordedAt" = '2024-01-10T00:00:00Z';
        ${auditTriggers("ENABLE")}`),
    );
    await expect(db().$executeRawUnsafe(`DROP TABLE "AuditEvent_p202401"`)).rejects.toThrow(/must be owner/);
    const archive = `${dir}-archive`;
    await expect(applyAuditRetention({ archiveDir: archive })).resolves.toMatchObject({
      sealed: [],
      skipped: expect.stringMatching(/does not exist/),
    });
    await mkdir(archive);
    // The app's credentials seal and archive, but cannot drop: a seal row they insert could match any month.
    expect(await applyAuditRetention({ archiveDir: archive })).toMatchObject({
      sealed: ["2024-01"],
      dropped: [],
      skipped: expect.stringMatching(/needs the database's owner/),
    });
    // Nor through a table of their own that the definer's function would read in place of the real seals.
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE "AuditSeal" (LIKE public."AuditSeal")`);
        await tx.$queryRawUnsafe(`SELECT warden_audit_drop_month('2024-01')`);
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(db().$executeRawUnsafe(`UPDATE "AuditSeal" SET "droppedAt" = NULL`)).rejects.toThrow(
      /permission denied/,
    );
    // The owner's run (npm run audit:retention) checks the archive is the one sealed, then drops.
    useConnection(ownerConn);
    try {
      expect(await applyAuditRetention({ archiveDir: archive })).toMatchObject({ sealed: [], dropped: ["2024-01"] });
    } finally {
      useConnection(appConn);
    }
    expect(await verifyChain(db(), { anchorsDir: dir })).toMatchObject({
      ok: true,
      sealedThrough: { month: "2024-01" },
    });
  });
});
