"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DATE_PRESETS, presetDays, utcDay } from "@/lib/schemas/utc-day";
import { dayStart } from "./report-links";

const dayError = (day: string) => (day && !utcDay().safeParse(day).success ? "Use YYYY-MM-DD (UTC)" : undefined);

/**
 * A report's period in whole UTC days, both inclusive: presets, and two ISO date fields (never the
 * browser's local format: the period is UTC). The server turns "until" into the next day's 00:00 UTC.
 */
export function usePeriodFields() {
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const day = (label: string, value: string, set: (v: string) => void) => (
    <Field
      label={label}
      value={value}
      onChange={(e) => set(e.target.value.trim())}
      placeholder="YYYY-MM-DD"
      inputMode="numeric"
      autoComplete="off"
      error={dayError(value)}
    />
  );
  const fields = (
    <>
      <div className="col-span-full flex flex-wrap items-center gap-2" role="group" aria-label="Period presets">
        {DATE_PRESETS.map(([preset, label]) => (
          <Button
            key={preset}
            variant="secondary"
            size="sm"
            onClick={() => {
              const days = presetDays(preset);
              setFrom(days.from);
              setUntil(days.until);
            }}
          >
            {label}
          </Button>
        ))}
      </div>
      {day("From (UTC day)", from, setFrom)}
      {day("Until (UTC day, inclusive)", until, setUntil)}
    </>
  );
  const valid = !dayError(from) && !dayError(until);
  return { fields, valid, period: { from: dayStart(from), until } };
}
