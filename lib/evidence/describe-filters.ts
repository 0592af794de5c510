import type { TAuditExportFilters } from "@/lib/schemas/report";

/** The filters as they were applied (dates as ISO strings), for the manifest and the audit record. */
export function describeFilters(filters: Partial<TAuditExportFilters>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
  );
}
