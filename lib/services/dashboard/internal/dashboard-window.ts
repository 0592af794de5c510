import type { z } from "zod";
import { DASHBOARD_RANGES, type ZDashboardQuery } from "@/lib/schemas/dashboard";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The window a dashboard reads: hourly rollups for up to 7 days, daily ones (whole UTC days) beyond.
 * A preset ends now; a custom window is [from, to) widened to whole buckets.
 */
export function dashboardWindow(q: z.infer<typeof ZDashboardQuery>, now: Date) {
  if (q.range === "custom") {
    const span = q.to!.getTime() - q.from!.getTime();
    const bucket = span <= 7 * DAY ? ("hour" as const) : ("day" as const);
    const step = bucket === "hour" ? HOUR : DAY;
    const from = new Date(Math.floor(q.from!.getTime() / step) * step);
    const to = new Date(Math.ceil(q.to!.getTime() / step) * step);
    return { range: q.range, from, to, bucket };
  }
  const bucket = q.range === "24h" || q.range === "7d" ? ("hour" as const) : ("day" as const);
  const step = bucket === "hour" ? HOUR : DAY;
  const buckets = bucket === "hour" ? DASHBOARD_RANGES[q.range] : DASHBOARD_RANGES[q.range] / 24;
  const current = Math.floor(now.getTime() / step) * step;
  return { range: q.range, from: new Date(current - (buckets - 1) * step), to: new Date(current + step), bucket };
}
