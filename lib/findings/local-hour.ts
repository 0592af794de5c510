/** The local hour (0–23) of an instant in a timezone, and whether that day is a Saturday or Sunday. */
export type LocalHour = { hour: number; weekend: boolean };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  // Building a formatter costs far more than using one: one per timezone, for the life of the process.
  let format = formatters.get(timezone);
  if (!format)
    formatters.set(
      timezone,
      (format = new Intl.DateTimeFormat("en-GB", {
        timeZone: timezone,
        hour: "numeric",
        hourCycle: "h23",
        weekday: "short",
      })),
    );
  return format;
}

function exactly(ms: number, timezone: string): LocalHour {
  const parts = formatter(timezone).formatToParts(ms);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "";
  return { hour, weekend: weekday === "Sat" || weekday === "Sun" };
}

const MINUTE = 60_000;

/**
 * A per-batch memo of local hours by UTC minute: `Intl` runs once per distinct minute instead of once
 * per event. A minute is memoised only when its first and last millisecond agree, so an offset change
 * inside it (none since the 1900s are finer than a minute) falls back to the exact answer per event.
 */
export function localHours(timezone: string): (d: Date) => LocalHour {
  const memo = new Map<number, LocalHour | null>();
  return (d) => {
    const ms = d.getTime();
    const minute = Math.floor(ms / MINUTE);
    let known = memo.get(minute);
    if (known === undefined) {
      const start = exactly(minute * MINUTE, timezone);
      const end = exactly(minute * MINUTE + MINUTE - 1, timezone);
      known = start.hour === end.hour && start.weekend === end.weekend ? start : null;
      memo.set(minute, known);
    }
    return known ?? exactly(ms, timezone);
  };
}
