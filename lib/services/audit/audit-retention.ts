import { existsSync } from "node:fs";
import path from "node:path";
import { checkpointDir } from "@/lib/audit/anchor-folder";
import { archiveDir, sha256OfFile } from "@/lib/audit/archive-folder";
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
  // A mount point that is not mounted is not made: files written under it would hide once it is.
  const skip = !dir
    ? "WARDEN_ARCHIVE_DIR is not set: no audit month is sealed or dropped"
    : !existsSync(dir)
      ? `WARDEN_ARCHIVE_DIR ${dir} does not exist (is it mounted?): no audit month is sealed or dropped`
      : !signer
        ? "no signing key: no audit month is sealed or dropped"
        : inAnchors
          ? "WARDEN_ARCHIVE_DIR lies inside the checkpoint anchors folder: give it a folder of its own"
          : null;
  if (!dir || !signer || skip) {
    result.skipped = skip;
    warnOnce(`Audit retention is off: ${skip}.`);
    return result;
  }
  const keepFrom = addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), -1);
  for (let month = await oldestMonth(); month; month = await oldestMonth()) {
    const start = monthStart(month);
    const end = addMonths(start, 1);
    if (start >= keepFrom) break;
    const days = await retentionDaysOf(start, end);
    if (end.getTime() + days * DAY_MS > now.getTime()) break;
    // Sealed now, its files were just read back against what was written (sealAuditMonth). Sealed by an earlier
    // run (a crash, or a job not allowed to drop), the archive this folder holds must still be the one sealed,
    // byte for byte, before the rows go.
    const sealedBefore = await db().auditSeal.findUnique({ where: { month } });
    if (!sealedBefore) {
      await sealAuditMonth(month, start, end, dir, signer, actor);
      result.sealed.push(month);
    }
    const missing = sealedBefore ? await archiveProblem(sealedBefore, dir) : null;
    if (missing) {
      result.skipped = missing;
      warnOnce(`Audit retention did not drop ${month}: ${missing}.`);
      break;
    }
    try {
      if (await dropAuditMonth(month)) result.dropped.push(month);
      else break;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" && !/permission denied/i.test(String(error))) throw error;
      result.skipped =
        "sealed and archived; dropping a month needs the database's owner (npm run audit:retention) or a grant to this role";
      warnOnce(`Audit retention: ${month} is ${result.skipped}.`);
      break;
    }
  }
  return result;
}

function warnOnce(message: string) {
  if (!warned) console.warn(message);
  warned = true;
}

/** Why a sealed month's archive in `dir` is not the one its seal names, or null when both files match. */
async function archiveProblem(
  seal: { ndjsonFile: string; ndjsonSha256: string; manifestFile: string; manifestSha256: string },
  dir: string,
): Promise<string | null> {
  for (const [file, sha256] of [
    [seal.ndjsonFile, seal.ndjsonSha256],
    [seal.manifestFile, seal.manifestSha256],
  ]) {
    const at = path.join(dir, file);
    if (!existsSync(at)) return `${at} is missing`;
    if ((await sha256OfFile(at)) !== sha256) return `${at} is not the file sealed`;
  }
  return null;
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
