import { expect, it } from "vitest";
import { prepareBody } from "@/lib/audit/chain";
import { appendPrepared, prepareAudit, recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import { verifyChain } from "@/lib/audit/verify-chain";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { ensureAuditPartitions } from "./ensure-audit-partitions";

const actor = auditActor(systemActor("test"));
const input = (occurredAt?: Date): AuditInput => ({ actor, category: "ADMIN", action: "server.updated", occurredAt });
const partitions = async () =>
  (
    await db().$queryRawUnsafe<{ name: string }[]>(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = '"AuditEvent"'::regclass`,
    )
  ).map((p) => p.name.replaceAll('"', ""));

describeWithDatabase("the audit log's monthly partitions", () => {
  it("creates a month's partition and the next one ahead of time, once", async () => {
    const names = await ensureAuditPartitions(new Date("2031-01-15T12:00:00Z"));
    expect(names).toEqual(["AuditEvent_p203101", "AuditEvent_p203102"]);
    expect(await ensureAuditPartitions(new Date("2031-01-31T23:59:59.999Z"))).toEqual(names);
    expect(await partitions()).toEqual(expect.arrayContaining(names));
  });

  it("stores a late event by the time it is recorded, never before the record ahead of it", async () => {
    await db().$transaction((tx) => recordAudit(tx, [input(), input(new Date("2020-02-03T04:05:06Z")), input()]));
    const rows = await db().$queryRawUnsafe<{ occurred: Date; recorded: Date; partition: string }[]>(
      `SELECT "occurredAt" AS occurred, "recordedAt" AS recorded, tableoid::regclass::text AS partition
       FROM "AuditEvent" ORDER BY sequence`,
    );
    const month = (d: Date) => `AuditEvent_p${d.toISOString().slice(0, 7).replace("-", "")}`;
    const late = rows.find((r) => r.occurred.getUTCFullYear() === 2020)!;
    expect(late.partition.replaceAll('"', "")).toBe(month(late.recorded));
    expect(Date.now() - late.recorded.getTime()).toBeLessThan(3_600_000);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].recorded.getTime()).toBeGreaterThanOrEqual(rows[i - 1].recorded.getTime());
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("keeps a record's id unique across partitions, refusing the whole append", async () => {
    await db().$transaction((tx) => recordAudit(tx, input()));
    const [{ id }] = await db().$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM "AuditEvent" LIMIT 1`);
    const record = { ...prepareAudit([input()])[0].record, id };
    const copy = { record, body: prepareBody(record) };
    const count = () => db().auditEvent.count();
    const before = await count();
    await expect(db().$transaction((tx) => appendPrepared(tx, [copy]))).rejects.toThrow(/AuditEventKey_pkey|unique/);
    expect(await count()).toBe(before);
  });
});
