"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { filterControl } from "@/components/ui/filters";
import { DASHBOARD_RANGE_LABELS, type DashboardRange } from "@/lib/schemas/dashboard";
import { useUrlFilters } from "@/lib/forms/use-url-filters";
import { isoDay } from "@/lib/schemas/utc-day";

const RANGES = Object.keys(DASHBOARD_RANGE_LABELS) as DashboardRange[];
const today = () => isoDay(new Date());
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));

/**
 * The dashboard's time picker, kept in the URL (`?range=7d`, or `?range=custom&from=…&to=…` as whole UTC
 * days, both included), so a view of the charts can be shared and survives a reload.
 */
export function TimeRangePicker() {
  const { params, setAll } = useUrlFilters();
  const range = (params.get("range") ?? "7d") as DashboardRange;
  const [custom, setCustom] = useState(range === "custom");
  const [from, setFrom] = useState(params.get("from") ?? daysAgo(13));
  const [to, setTo] = useState(params.get("to") ?? today());
  const choose = (r: DashboardRange) => {
    if (r === "custom") return setCustom(true);
    setCustom(false);
    setAll({ range: r === "7d" ? "" : r, from: "", to: "" });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Time range" className="flex gap-1">
        {RANGES.map((r) => (
          <button
            key={r}
            aria-pressed={r === "custom" ? custom : !custom && r === range}
            onClick={() => choose(r)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:font-medium"
          >
            {DASHBOARD_RANGE_LABELS[r]}
          </button>
        ))}
      </div>
      {custom && (
        <form
          aria-label="Custom range"
          className="flex items-center gap-2 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            setAll({ range: "custom", from, to });
          }}
        >
          <label className="flex items-center gap-1">
            From
            <input
              type="date"
              required
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
              className={filterControl(true)}
            />
          </label>
          <label className="flex items-center gap-1">
            To (included)
            <input
              type="date"
              required
              value={to}
              min={from}
              onChange={(e) => setTo(e.target.value)}
              className={filterControl(true)}
            />
          </label>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          <span className="text-xs text-slate-500">UTC days</span>
        </form>
      )}
    </div>
  );
}
