import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { readThrough } from "@/lib/db/replica";
import { describeFilters } from "@/lib/evidence/describe-filters";
import { parseWith } from "@/lib/schemas/parse";
import { ZAuditExportQuery, type TAuditExportQuery } from "@/lib/schemas/report";
import { auditExportChunks, type ChainHead } from "./internal/audit-export-chunks";
import { recordExport } from "./internal/record-export";

/** Where an export reads: the read replica when fresh (a person's download), or the primary (scheduled packs). */
export type ExportReads = "replica-when-fresh" | "primary";

/**
 * Starts an audit export: fixes the chain head the export stops at, records who exported what with which
 * filters (in the audit log itself, on the primary), and hands back the rows to stream. The head and the rows
 * come from the read replica while it is fresh (`readSource` says how far behind): its rows are the chain up
 * to the head it has, so the export is exact up to the sequence it names.
 */
export async function exportAuditEvents(
  actor: Actor,
  raw: TAuditExportQuery,
  report = "audit-log",
  reads: ExportReads = "replica-when-fresh",
) {
  assertCan(actor, "audit.export");
  const { format, ...filters } = parseWith(ZAuditExportQuery, raw, "export query");
  const readHead = async (p = db()) => ({
    p,
    head: await p.auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, hash: true } }),
  });
  const {
    value: { p, head },
    readSource,
  } = reads === "primary" ? { value: await readHead(), readSource: null } : await readThrough(readHead);
  const described = describeFilters(filters);
  await recordExport(actor, report, { format, filters: described, upToSequence: head?.sequence.toString() ?? "0" });
  const chainHead: ChainHead = head ? { sequence: head.sequence.toString(), hash: head.hash } : null;
  return {
    format,
    filters: described,
    chainHead,
    readSource,
    /** the database the rows are read from, for a pack's summary of the same rows */
    reader: p,
    /** the parsed filters and the last sequence exported, for a pack's summary of the same rows */
    parsed: filters,
    upTo: head?.sequence ?? 0n,
    chunks: auditExportChunks(filters, format, head?.sequence ?? 0n, p),
  };
}
