import { z } from "zod";
import { ReportFrequency } from "@/lib/generated/prisma/enums";
import { ZAuditListQuery } from "./audit";
import { blankAsUndefined } from "./safe-input";
import { utcDay } from "./utc-day";

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;

/** The explorer's filters (no paging) and a file format: the same URL query string gives the same rows. */
export const ZAuditExportQuery = ZAuditListQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(EXPORT_FORMATS, "format must be csv or ndjson").default("csv"),
});
export type TAuditExportQuery = z.input<typeof ZAuditExportQuery>;
export type TAuditExportFilters = Omit<z.infer<typeof ZAuditExportQuery>, "format">;

const optDate = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional());

/** A reporting period for the approvals report: requests created from `from` up to `to` (exclusive) or through `until` (a UTC day). */
export const ZPeriodQuery = z.object({ from: optDate, to: optDate, until: blankAsUndefined(utcDay()) });

/** Reports an admin can schedule: each covers a period or the present state. */
export const REPORT_KINDS = ["audit", "approvals", "inventory"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** Packs a user can download; "review" is one campaign's, so it is picked by hand, never scheduled. */
export const PACK_KINDS = [...REPORT_KINDS, "review"] as const;
export type PackKind = (typeof PACK_KINDS)[number];

/**
 * Every pack takes the audit filters (used by "audit"), the period (used by "approvals") and the
 * campaign (used by "review").
 */
export const ZPackQuery = ZAuditExportQuery.extend({
  campaignId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("campaignId must be a campaign id").optional()),
});
export type TPackInput = z.input<typeof ZPackQuery>;

/** The access-review pack is one campaign's. */
export const ZReviewPackQuery = z.object({
  campaignId: z.uuid("Choose a campaign (campaignId)"),
});
export type TPackQuery = z.infer<typeof ZPackQuery>;

export const REPORT_FREQUENCIES = Object.values(ReportFrequency);

/** An admin's standing order for a report; each run covers the period that just ended. */
export const ZCreateReportScheduleInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80),
  kind: z.enum(REPORT_KINDS),
  frequency: z.enum(ReportFrequency),
  retentionDays: z.coerce.number().int().min(7, "Keep reports at least 7 days").max(3650).default(365),
  /** audit reports: the explorer's filters (the period comes from the schedule) and the file format */
  filters: ZAuditExportQuery.omit({ from: true, to: true, until: true }).partial().default({}),
});
export type TCreateReportScheduleInput = z.input<typeof ZCreateReportScheduleInput>;
