import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditCsvRow, auditNdjsonLine, AUDIT_COLUMNS } from "@/lib/evidence/audit-rows";
import { csvRows } from "@/lib/evidence/csv";
import type { TAuditExportFilters } from "@/lib/schemas/report";
import { auditPages } from "./audit-pages";

export type ChainHead = { sequence: string; hash: string } | null;

/** The rows of an export as text chunks, one page at a time. */
export async function* auditExportChunks(
  filters: TAuditExportFilters,
  format: "csv" | "ndjson",
  upTo: bigint,
  p: PrismaClient,
): AsyncGenerator<string> {
  // A byte-order mark, so spreadsheet software reads the UTF-8 (names, accents, scripts) as UTF-8.
  if (format === "csv") yield `\uFEFF${csvRows([], AUDIT_COLUMNS)}`;
  for await (const page of auditPages(filters, upTo, p)) {
    yield format === "csv" ? csvRows(page.map(auditCsvRow)) : page.map(auditNdjsonLine).join("");
  }
}
