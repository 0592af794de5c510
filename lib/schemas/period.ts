import type { ReportFrequency, ReviewCadence } from "@/lib/generated/prisma/enums";

/**
 * Calendar periods, in UTC: a review campaign's (named like 2026-Q4) and a report schedule's. One home,
 * so that the name a campaign gets, the pattern its input is checked with and the examples shown agree.
 */
export type Cadence = ReviewCadence | ReportFrequency;

const DAY_MS = 86_400_000;
/** Months in each period; a week is counted in days. */
const MONTHS: Record<Exclude<Cadence, "WEEKLY">, number> = { MONTHLY: 1, QUARTERLY: 3, SEMI_ANNUAL: 6, YEARLY: 12 };

/** The start (UTC midnight) of the period containing `at`: a Monday, or the first day of the period's first month. */
function periodStart(cadence: Cadence, at: Date): Date {
  if (cadence === "WEEKLY") {
    const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    return new Date(day - ((at.getUTCDay() + 6) % 7) * DAY_MS);
  }
  const month = at.getUTCMonth();
  return new Date(Date.UTC(at.getUTCFullYear(), month - (month % MONTHS[cadence]), 1));
}

/** The start of the period `n` periods after (or, negative, before) the one starting at `start`. */
function addPeriods(cadence: Cadence, start: Date, n: number): Date {
  if (cadence === "WEEKLY") return new Date(start.getTime() + n * 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n * MONTHS[cadence], 1));
}

/** A review period's name: 2026-Q4 (quarterly), 2026-H2 (semi-annual), 2026-12 (monthly) or 2026 (yearly). */
function periodName(cadence: ReviewCadence, start: Date): string {
  const year = start.getUTCFullYear();
  const index = Math.floor(start.getUTCMonth() / MONTHS[cadence]) + 1;
  if (cadence === "QUARTERLY") return `${year}-Q${index}`;
  if (cadence === "SEMI_ANNUAL") return `${year}-H${index}`;
  if (cadence === "MONTHLY") return `${year}-${String(index).padStart(2, "0")}`;
  return `${year}`;
}

/** Every name periodName gives, and nothing else. */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;

/** Each cadence's period name, as an example (the periods of December 2026). */
export const PERIOD_EXAMPLE = Object.fromEntries(
  (["QUARTERLY", "SEMI_ANNUAL", "MONTHLY", "YEARLY"] as const).map((c) => [c, periodName(c, new Date("2026-12-01"))]),
) as Record<ReviewCadence, string>;

/** "2026-Q4, 2026-H2, 2026-12 or 2026": the names a campaign's period may take. */
export const PERIOD_EXAMPLES = Object.values(PERIOD_EXAMPLE)
  .join(", ")
  .replace(/, ([^,]*)$/, " or $1");

/** The review period a date falls in, and the UTC start of its first month. */
export function periodOf(cadence: ReviewCadence, date: Date): { period: string; start: Date } {
  const start = periodStart(cadence, date);
  return { period: periodName(cadence, start), start };
}

/** When the review schedule creates this period's campaign: `day` of the period's first month, 00:00 UTC. */
export function scheduledStart(cadence: ReviewCadence, day: number, now: Date): { period: string; at: Date } {
  const { period, start } = periodOf(cadence, now);
  return { period, at: new Date(start.getTime() + (day - 1) * DAY_MS) };
}

/** When a report schedule next runs: the start of the next calendar period after `after`. */
export const nextRunAfter = (frequency: ReportFrequency, after: Date) =>
  addPeriods(frequency, periodStart(frequency, after), 1);

/** The whole period that ended at (or most recently before) `runAt`: what a report run covers. */
export function periodEndingAt(frequency: ReportFrequency, runAt: Date): { from: Date; to: Date } {
  const to = periodStart(frequency, runAt);
  return { from: addPeriods(frequency, to, -1), to };
}
