import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { evidenceSigner } from "@/lib/audit/signing-key";
import { configuredTrustedKeys } from "@/lib/audit/trusted-keys";
import { verifyArchive } from "@/lib/audit/verify-archive";
import { verifyChain } from "@/lib/audit/verify-chain";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { auditTriggers } from "@/lib/testing/audit-triggers";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { applyAuditRetention } from "./audit-retention";
import { ensureAuditPartitions } from "./ensure-audit-partitions";
import { sealAuditMonth } from "./seal-audit-month";
import { verifyAudit } from "./verify-audit";
import { writeCheckpoint } from "./write-checkpoint";

const actor = auditActor(systemActor("test"));
const record = (n: number) =>
  db().$transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, (_, i) => ({
        actor,
        category: "ADMIN" as const,
        action: "server.updated" as const,
        attributes: { i },
      })),
    ),
  );
const partitions = async () =>
  (
    await db().$queryRawUnsafe<{ name: string }[]>(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = '"AuditEvent"'::regclass`,
    )
  ).map((p) => p.name.replaceAll('"', ""));

describeWithDatabase("audit retention: seal, archive, drop a month", ({ conn }) => {
  let root: string;
  const archive = () => path.join(root, "archive");
  const owner = (sql: string) => conn().withSession((s) => s.exec(sql));
  /** Records n events, then moves them (as the tables' owner) into `month`: how a test makes an old month. */
  const recordIn = async (month: string, n: number) => {
    const [{ head }] = await db().$queryRawUnsafe<{ head: string }[]>(
      `SELECT COALESCE(max(sequence), 0)::text AS head FROM "AuditEvent"`,
    );
    await ensureAuditPartitions(new Date(`${month}-15T00:00:00Z`));
    await record(n);
    await owner(`${auditTriggers("DISABLE")}
      UPDATE "AuditEvent" SET "recordedAt" = '${month}-10T00:00:00Z' WHERE sequence > ${head};
      ${auditTriggers("ENABLE")}`);
  };
  /** A copy of the archive, `edit` applied to one of its files: what the archive check then says. */
  const tampered = async (file: string, edit: (text: string) => string | null) => {
    const copy = await mkdtemp(path.join(root, "copy-"));
    await cp(archive(), copy, { recursive: true });
    const target = path.join(copy, file);
    await chmod(target, 0o644);
    const text = edit(await readFile(target, "utf8"));
    if (text === null) await rm(target);
    else await writeFile(target, text);
    const r = await verifyArchive(copy, configuredTrustedKeys());
    return r.ok ? "OK" : `${r.file}: ${r.detail}`;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "warden-retention-"));
    await mkdir(archive());
    await recordIn("2024-01", 3);
    await writeCheckpoint({ anchorsDir: null });
    await recordIn("2024-02", 2);
    await record(3);
    await writeCheckpoint({ anchorsDir: null });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("seals and drops nothing without an archive folder (fail closed)", async () => {
    expect(await applyAuditRetention({ archiveDir: null })).toMatchObject({ sealed: [], dropped: [] });
    // Nor into a folder that is not there, such as a mount point not mounted: nothing is made under it.
    const unmounted = path.join(root, "not-mounted");
    expect(await applyAuditRetention({ archiveDir: unmounted })).toMatchObject({
      sealed: [],
      skipped: expect.stringMatching(/does not exist/),
    });
    expect(await readdir(root)).not.toContain("not-mounted");
    expect(await db().auditSeal.count()).toBe(0);
  });

  it("refuses to drop a month without a seal, or the current month", async () => {
    await expect(db().$queryRawUnsafe(`SELECT warden_audit_drop_month('2024-01')`)).rejects.toThrow(/has no seal/);
    const now = new Date().toISOString().slice(0, 7);
    await expect(db().$queryRawUnsafe(`SELECT warden_audit_drop_month('${now}')`)).rejects.toThrow(/never dropped/);
  });

  it("never seals a month that does not verify, leaving nothing in the archive", async () => {
    const label = (to: string) =>
      owner(`${auditTriggers("DISABLE")} UPDATE "AuditEvent" SET "actorLabel" = '${to}' WHERE sequence = 2;
        ${auditTriggers("ENABLE")}`);
    await label("someone else");
    await expect(applyAuditRetention({ archiveDir: archive() })).rejects.toThrow(
      /Audit record #2 does not verify: month 2024-01 is not sealed/,
    );
    expect(await db().auditSeal.count()).toBe(0);
    expect(await readdir(archive())).toEqual([]);
    await label("test");
  });

  it("drops a month sealed earlier only while the archive holds the very files sealed", async () => {
    // Sealed by an earlier run (a crash, or a job not allowed to drop); since then its NDJSON was replaced.
    const start = new Date("2024-01-01T00:00:00Z");
    await sealAuditMonth(
      "2024-01",
      start,
      new Date("2024-02-01T00:00:00Z"),
      archive(),
      evidenceSigner()!,
      auditActor(systemActor("test")),
    );
    const seal = await db().auditSeal.findUniqueOrThrow({ where: { month: "2024-01" } });
    const ndjson = path.join(archive(), seal.ndjsonFile);
    const original = await readFile(ndjson);
    await chmod(ndjson, 0o644);
    await writeFile(ndjson, "{}\n");
    const when = new Date("2025-02-15T00:00:00Z");
    expect(await applyAuditRetention({ archiveDir: archive(), now: when })).toMatchObject({
      sealed: [],
      dropped: [],
      skipped: expect.stringMatching(/is not the file sealed/),
    });
    await rm(ndjson);
    expect(await applyAuditRetention({ archiveDir: archive(), now: when })).toMatchObject({
      dropped: [],
      skipped: expect.stringMatching(/is missing/),
    });
    expect(await partitions()).toEqual(expect.arrayContaining(["AuditEvent_p202401"]));
    await writeFile(ndjson, original, { mode: 0o440 });
  });

  it("keeps a month within retention", async () => {
    // 2024-02 ends 2024-03-01; a year of retention keeps it until 2025-03-01.
    // 2024-01 was sealed by the case before; its archive is whole again, so it leaves now.
    const r = await applyAuditRetention({ archiveDir: archive(), now: new Date("2025-02-15T00:00:00Z") });
    expect(r).toMatchObject({ sealed: [], dropped: ["2024-01"] });
  });

  it("seals, archives and drops the months past retention; the chain verifies from the last seal", async () => {
    const r = await applyAuditRetention({ archiveDir: archive() });
    expect(r).toMatchObject({ sealed: ["2024-02"], dropped: ["2024-02"] });
    expect(await partitions()).not.toEqual(expect.arrayContaining(["AuditEvent_p202401"]));
    expect(await partitions()).not.toEqual(expect.arrayContaining(["AuditEvent_p202402"]));
    expect(await db().auditEvent.count({ where: { sequence: { lte: 5n } } })).toBe(0);
    const actions = (await db().auditEvent.findMany({ where: { action: { startsWith: "audit.month" } } })).map(
      (e) => `${e.action} ${e.targetId}`,
    );
    expect(actions).toEqual([
      "audit.month_sealed 2024-01",
      "audit.month_dropped 2024-01",
      "audit.month_sealed 2024-02",
      "audit.month_dropped 2024-02",
    ]);
    expect((await db().auditSeal.findMany()).every((s) => s.droppedAt)).toBe(true);

    const full = await verifyChain(db());
    expect(full).toMatchObject({ ok: true, sealedThrough: { month: "2024-02", sequence: "5" }, startedAfter: null });
    expect(await verifyChain(db(), { incremental: true })).toMatchObject({ ok: true });
    const offline = await verifyArchive(archive(), configuredTrustedKeys());
    expect(offline).toMatchObject({ ok: true, months: ["2024-01", "2024-02"], rows: 5 });
    expect(await verifyAudit(systemActor("test"), { archiveDir: archive() })).toMatchObject({
      ok: true,
      archive: { months: 2, rows: 5 },
    });
    expect(await applyAuditRetention({ archiveDir: archive() })).toMatchObject({ sealed: [], dropped: [] });
  });

  it("detects tampering with the archive, naming what failed", async () => {
    const ndjson = "audit-2024-01.ndjson";
    expect(await tampered(ndjson, (t) => t.replace('"i":1', '"i":7'))).toMatch(
      /^audit-2024-01.ndjson: audit-2024-01.ndjson line 2 \(#2\): the record no longer matches its hash/,
    );
    expect(await tampered(ndjson, (t) => t.split("\n").toSpliced(1, 1).join("\n"))).toMatch(
      /line 2 holds #3 where #2 was expected: a record was removed/,
    );
    expect(await tampered(ndjson, (t) => t.split("\n").slice(0, 2).join("\n") + "\n")).toMatch(
      /audit-2024-01.ndjson ends at #2, its seal says #3: records were removed/,
    );
    expect(await tampered("audit-2024-02.seal.json", (t) => t.replace('"rows": "2"', '"rows": "3"'))).toMatch(
      /^audit-2024-02.seal.json: .*signature does not verify/,
    );
    expect(
      await tampered("audit-2024-01.manifest.json", (t) => t.replace(/"sha256": "[0-9a-f]/, '"sha256": "x')),
    ).toMatch(
      /^audit-2024-01.manifest.json: audit-2024-01.ndjson's sha256 is [0-9a-f]{64}, audit-2024-01.manifest.json lists x/,
    );
    expect(await tampered("audit-2024-01.manifest.json", (t) => t.replace('"rows": "3"', '"rows": "4"'))).toMatch(
      /disagrees with its seal/,
    );
    expect(await tampered("audit-2024-01.manifest.json", () => null)).toMatch(/audit-2024-01.ndjson has no manifest/);
  });

  it("detects a live row edited after the seal, and a seal edited in the database", async () => {
    const edit = (sql: string) => owner(`${auditTriggers("DISABLE")} ${sql}; ${auditTriggers("ENABLE")}`);
    await edit(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE sequence = 6`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "6", problem: "edited" });
    await edit(`UPDATE "AuditEvent" SET "actorLabel" = 'test' WHERE sequence = 6`);
    expect(await verifyChain(db())).toMatchObject({ ok: true });

    const seal = (sql: string) =>
      owner(`ALTER TABLE "AuditSeal" DISABLE TRIGGER USER; ${sql}; ALTER TABLE "AuditSeal" ENABLE TRIGGER USER`);
    await seal(`UPDATE "AuditSeal" SET "rows" = 1 WHERE month = '2024-02'`);
    expect(await verifyChain(db())).toMatchObject({
      ok: false,
      problem: "forged",
      detail: expect.stringMatching(/^the seal of 2024-02 \(#4–#5\) in the database does not verify/),
    });
    await seal(`UPDATE "AuditSeal" SET "rows" = 2 WHERE month = '2024-02'`);
    await expect(db().auditSeal.delete({ where: { month: "2024-02" } })).rejects.toThrow(/append-only/);
    await seal(`DELETE FROM "AuditSeal" WHERE month = '2024-02'`);
    expect(await verifyChain(db())).toMatchObject({
      ok: false,
      problem: "deleted",
      detail: expect.stringMatching(/the live chain starts at #6, but the last seal \(2024-01\) ends at #3/),
    });
    await edit(`DELETE FROM "AuditEvent"`);
    expect(await verifyChain(db())).toMatchObject({
      ok: false,
      problem: "deleted",
      detail: expect.stringMatching(/^the live chain is empty, but the seal of 2024-01 says it reached #3/),
    });
  });
});
