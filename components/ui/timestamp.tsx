"use client";

/** To the second for events; the day alone for deadlines and expiries, which are days to the reader. */
export type Precision = "second" | "day";

/** One date format everywhere: UTC, 24-hour, `2026-12-07 08:13:42 UTC` (or `2026-12-07`). */
export function formatUtc(value: string | Date, precision: Precision = "second"): string {
  const date = new Date(value);
  // Not a date (a hand-edited snapshot, say): shown as it is rather than failing the whole view.
  if (Number.isNaN(date.getTime())) return String(value);
  const iso = date.toISOString();
  return precision === "day" ? iso.slice(0, 10) : `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

/** The reader's own time zone, on hover: 24-hour too, whatever the locale's habit. */
const localTime = (date: Date) =>
  date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "long", hourCycle: "h23" });

/** A date, or `empty` (a dash unless the view says "never") when there is none. */
export function Timestamp({
  value,
  precision = "second",
  empty = "—",
}: {
  value: string | Date | null | undefined;
  precision?: Precision;
  empty?: string;
}) {
  if (!value) return <span className="text-slate-400">{empty}</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{String(value)}</span>;
  return (
    <time
      dateTime={date.toISOString()}
      title={localTime(date)}
      suppressHydrationWarning
      className="whitespace-nowrap tabular-nums"
    >
      {formatUtc(date, precision)}
    </time>
  );
}
