import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A calendar day as written in a UTC form: YYYY-MM-DD, a day that exists (no 2026-02-30). */
export const utcDay = (message = "Enter a day as YYYY-MM-DD (UTC)") =>
  z
    .string()
    .trim()
    .refine((s) => DAY.test(s) && isoDay(new Date(`${s}T00:00:00.000Z`)) === s, message);

/** The day an instant falls on, in UTC, as YYYY-MM-DD. */
export const isoDay = (d: Date) => (Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10));

/**
 * An inclusive "until" day as the exclusive instant that ends it: the next day's 00:00 UTC. A user
 * means "up to and including the 7th", and the query wants `occurredAt < 8th 00:00`.
 */
export const endOfUtcDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);

/** Where a period ends (exclusive) when a query may give an instant `to`, an inclusive day `until`, or both: the earlier. */
export function periodEnd(to?: Date, until?: string): Date | undefined {
  const end = until ? endOfUtcDay(until) : undefined;
  return to && end ? (to < end ? to : end) : (to ?? end);
}

export const DATE_PRESETS = [
  ["7d", "Last 7 days"],
  ["month", "Last month"],
  ["quarter", "Last quarter"],
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number][0];

/**
 * A preset as whole UTC days, both ends inclusive: the last 7 days end today; last month and last
 * quarter are the calendar month and quarter before the one `now` falls in.
 */
export function presetDays(preset: DatePreset, now = new Date()): { from: string; until: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (preset === "7d") return { from: isoDay(new Date(now.getTime() - 6 * DAY_MS)), until: isoDay(now) };
  const months = preset === "month" ? 1 : 3;
  const start = preset === "month" ? m - 1 : m - (m % 3) - 3;
  return {
    from: isoDay(new Date(Date.UTC(y, start, 1))),
    until: isoDay(new Date(Date.UTC(y, start + months, 1) - DAY_MS)),
  };
}
