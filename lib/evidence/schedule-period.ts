import type { ReportFrequency } from "@/lib/generated/prisma/enums";

const MONTHS: Record<ReportFrequency, number> = { WEEKLY: 0, MONTHLY: 1, QUARTERLY: 3 };

/** The start (UTC midnight) of the calendar period containing `at`: Monday, the 1st, or a quarter's first day. */
function periodStart(frequency: ReportFrequency, at: Date): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (frequency === "WEEKLY") return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  const month = frequency === "MONTHLY" ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
  return new Date(Date.UTC(d.getUTCFullYear(), month, 1));
}

function add(frequency: ReportFrequency, start: Date, n: number): Date {
  if (frequency === "WEEKLY") return new Date(start.getTime() + n * 7 * 86_400_000);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n * MONTHS[frequency], 1));
}

/** When a schedule next runs: the start of the next calendar period after `after`. */
export const nextRunAfter = (frequency: ReportFrequency, after: Date) =>
  add(frequency, periodStart(frequency, after), 1);

/** The whole period that ended at (or most recently before) `runAt`: what a run reports on. */
export function periodEndingAt(frequency: ReportFrequency, runAt: Date): { from: Date; to: Date } {
  const to = periodStart(frequency, runAt);
  return { from: add(frequency, to, -1), to };
}
