import type { ReviewCadence } from "@/lib/generated/prisma/enums";

const MONTHS_PER_PERIOD: Record<ReviewCadence, number> = { MONTHLY: 1, QUARTERLY: 3, SEMI_ANNUAL: 6, YEARLY: 12 };

/** The period a date falls in, named like 2026-Q4, and the UTC start of its first month. */
export function periodOf(cadence: ReviewCadence, date: Date): { period: string; start: Date } {
  const year = date.getUTCFullYear();
  const size = MONTHS_PER_PERIOD[cadence];
  const index = Math.floor(date.getUTCMonth() / size);
  const start = new Date(Date.UTC(year, index * size, 1));
  const period =
    cadence === "QUARTERLY"
      ? `${year}-Q${index + 1}`
      : cadence === "SEMI_ANNUAL"
        ? `${year}-H${index + 1}`
        : cadence === "MONTHLY"
          ? `${year}-${String(index + 1).padStart(2, "0")}`
          : `${year}`;
  return { period, start };
}

/** When the schedule creates this period's campaign: `day` of the period's first month, 00:00 UTC. */
export function scheduledStart(cadence: ReviewCadence, day: number, now: Date): { period: string; at: Date } {
  const { period, start } = periodOf(cadence, now);
  return { period, at: new Date(start.getTime() + (day - 1) * 86_400_000) };
}
