import { z } from "zod";
import { blankAsUndefined, date } from "./safe-input";

/** The dashboard's preset ranges, in hours; "custom" takes a from and a to. */
export const DASHBOARD_RANGES = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 } as const;
export const DASHBOARD_RANGE_LABELS = {
  "24h": "Last 24 h",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  custom: "Custom",
} as const;
export type DashboardRange = keyof typeof DASHBOARD_RANGE_LABELS;
/** The longest custom window: a year of daily rollups. */
export const MAX_CUSTOM_DAYS = 366;

/** The dashboard's time picker, as its URL holds it: a preset, or a custom [from, to). */
export const ZDashboardQuery = z
  .object({
    range: z.enum(["24h", "7d", "30d", "90d", "custom"], "range must be 24h, 7d, 30d, 90d or custom").default("7d"),
    from: blankAsUndefined(date("from must be a date (ISO 8601)")),
    to: blankAsUndefined(date("to must be a date (ISO 8601)")),
  })
  .superRefine((q, ctx) => {
    if (q.range !== "custom") return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "A custom range needs a from date" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "A custom range needs a to date" });
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_CUSTOM_DAYS * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["to"], message: `A custom range spans at most ${MAX_CUSTOM_DAYS} days` });
  });
export type TDashboardQuery = z.input<typeof ZDashboardQuery>;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dashboard query a URL holds. A custom range reads as whole UTC days, both ends included
 * (`from=2026-12-01&to=2026-12-05` is five days): nobody types tomorrow to include today.
 */
export function dashboardQueryFromUrl(get: (key: string) => string | null | undefined): TDashboardQuery {
  const range = get("range") || "7d";
  if (range !== "custom") return { range: range as TDashboardQuery["range"] };
  const from = get("from") ?? "";
  const to = get("to") ?? "";
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    range,
    from: DAY_ONLY.test(from) ? `${from}T00:00:00Z` : from,
    to: DAY_ONLY.test(to) && !Number.isNaN(Date.parse(to)) ? nextDay(to) : to,
  };
}
