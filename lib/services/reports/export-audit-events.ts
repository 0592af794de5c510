import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { auditCsvRow, auditNdjsonLine, AUDIT_COLUMNS } from "@/lib/evidence/audit-rows";
import { csvRows } from "@/lib/evidence/csv";
import { parseWith } from "@/lib/schemas/parse";
import { ZAuditExportQuery, type TAuditExportFilters, type TAuditExportQuery } from "@/lib/schemas/report";
import { auditPages } from "./audit-pages";
import { recordExport } from "./internal/record-export";

export type ChainHead = { sequence: string; hash: string } | null;

/** The filters as they were applied (dates as ISO strings), for the manifest and the audit record. */
export function describeFilters(filters: TAuditExportFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
  );
}

/** The rows of an export as text chunks, one page at a time. */
export async function* auditExportChunks(
  filters: TAuditExportFilters,
  format: "csv" | "ndjson",
  upTo: bigint,
): AsyncGenerator<string> {
  // A byte-order mark, so spreadsheet software reads the UTF-8 (names, accents, scripts) as UTF-8.
  if (format === "csv") yield `\uFEFF${csvRows([], AUDIT_COLUMNS)}`;
  for await (const page of auditPages(filters, upTo)) {
    yield format === "csv" ? csvRows(page.map(auditCsvRow)) : page.map(auditNdjsonLine).join("");
  }
}

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
    chunks: auditExportChunks(filters, format, head?.sequence ?? 0n),
  };
}
