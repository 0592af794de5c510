import path from "node:path";
import { checkpointDir } from "@/lib/audit/anchor-folder";
import { archiveDir } from "@/lib/audit/archive-folder";
import { lockChain, recordAudit } from "@/lib/audit/record-audit";
import { evidenceSigner } from "@/lib/audit/signing-key";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { retentionDaysOf } from "./audit-retention-days";
import { sealAuditMonth } from "./seal-audit-month";

/** How often the clock looks for a month past retention. */
export const RETENTION_SWEEP_MS = 24 * 60 * 60_000;

const DAY_MS = 86_400_000;
const actor = auditActor(systemActor("audit-retention"));
let warned = false;

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`);
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));

/** The oldest month the audit log still holds, "YYYY-MM", or null when it is empty. */
async function oldestMonth(): Promise<string | null> {
  const [row] = await db().$queryRawUnsafe<{ month: string | null }[]>(
    // The first record by sequence (the primary key's index, in every partition) rather than min("recordedAt"),
    // which would read the whole log: records are recorded in sequence order.
    `SELECT to_char("recordedAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM "AuditEvent" ORDER BY sequence LIMIT 1`,
  );
  return row?.month ?? null;
}

/**
 * Seals, archives and drops the oldest months of the audit log that are past retention, one month at a time and
 * oldest first (the chain is only cut at its front). A month leaves once it ended more than the longest retention
 * that applies to any of its records ago, and never while it is the current or the previous month. Without an
 * archive folder or a signing key nothing is sealed or dropped (fail closed). A month sealed but not yet dropped
 * (a crash between the two) is dropped on the next run. Returns the months sealed and dropped.
 */
export async function applyAuditRetention(options: { now?: Date; archiveDir?: string | null } = {}) {
  const now = options.now ?? new Date();
  const dir = options.archiveDir === undefined ? archiveDir() : options.archiveDir;
  const signer = evidenceSigner();
  const result = { sealed: [] as string[], dropped: [] as string[], skipped: null as string | null };
  const anchors = checkpointDir();
  // Every JSON file under the anchors folder is read as a checkpoint: an archive there would fail verification.
  const inAnchors = dir && anchors && (dir === anchors || dir.startsWith(`${anchors}${path.sep}`));
  if (!dir || !signer || inAnchors) {
    result.skipped = !dir
      ? "WARDEN_ARCHIVE_DIR is not set: no audit month is sealed or dropped"
      : !signer
        ? "no signing key: no audit month is sealed or dropped"
        : "WARDEN_ARCHIVE_DIR lies inside the checkpoint anchors folder: give it a folder of its own";
    if (!warned) console.warn(`Audit retention is off: ${result.skipped}.`);
    warned = true;
    return result;
  }
  const keepFrom = addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), -1);
  for (let month = await oldestMonth(); month; month = await oldestMonth()) {
    const start = monthStart(month);
    const end = addMonths(start, 1);
    if (start >= keepFrom) break;
    const days = await retentionDaysOf(start, end);
    if (end.getTime() + days * DAY_MS > now.getTime()) break;
    const existing = await db().auditSeal.findUnique({ where: { month } });
    if (!existing) {
      await sealAuditMonth(month, start, end, dir, signer, actor);
      result.sealed.push(month);
    }
    if (await dropAuditMonth(month)) result.dropped.push(month);
    else break;
  }
  return result;
}

/** Detaches and drops a sealed month's partition (the database refuses unless its seal matches), audited. */
export async function dropAuditMonth(month: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    // The chain's lock first, as every append takes it: an append then waits here rather than deadlocking.
    await lockChain(tx);
    const [{ dropped }] = await tx.$queryRawUnsafe<{ dropped: string | null }[]>(
      `SELECT warden_audit_drop_month($1) AS dropped`,
      month,
    );
    if (!dropped) return false;
    const seal = await tx.auditSeal.findUniqueOrThrow({ where: { month } });
    await recordAudit(tx, {
      actor,
      category: "ADMIN",
      action: "audit.month_dropped",
      target: { type: "AuditMonth", id: month },
      attributes: {
        partition: dropped,
        rows: seal.rows.toString(),
        lastSequence: seal.lastSequence.toString(),
        sealHash: seal.sealHash,
      },
    });
    return true;
  });
}
