import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeFilters } from "@/lib/evidence/describe-filters";
import { parseWith } from "@/lib/schemas/parse";
import { ZAuditExportQuery, type TAuditExportQuery } from "@/lib/schemas/report";
import { auditExportChunks, type ChainHead } from "./internal/audit-export-chunks";
import { recordExport } from "./internal/record-export";

/**
 * Starts an audit export: records who exported what with which filters (in the audit log itself),
 * fixes the chain head the export stops at, and hands back the rows to stream.
 */
export async function exportAuditEvents(actor: Actor, raw: TAuditExportQuery, report = "audit-log") {
  assertCan(actor, "audit.export");
  const { format, ...filters } = parseWith(ZAuditExportQuery, raw, "export query");
  const head = await db().auditEvent.findFirst({
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  const described = describeFilters(filters);
  await recordExport(actor, report, { format, filters: described, upToSequence: head?.sequence.toString() ?? "0" });
  const chainHead: ChainHead = head ? { sequence: head.sequence.toString(), hash: head.hash } : null;
  return {
    format,
    filters: described,
    chainHead,
    /** the parsed filters and the last sequence exported, for a pack's summary of the same rows */
    parsed: filters,
    upTo: head?.sequence ?? 0n,
    chunks: auditExportChunks(filters, format, head?.sequence ?? 0n),
  };
}
