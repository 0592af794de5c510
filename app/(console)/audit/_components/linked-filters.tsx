"use client";

import { formatUtc } from "@/components/ui/timestamp";

/** Filters a link can set that the filter bar has no control for: shown, and removable one by one. */
const LINKED = [
  ["rule", "Rule", (v: string) => v],
  ["from", "From", (v: string) => formatUtc(v)],
  ["to", "Until", (v: string) => formatUtc(v)],
  ["targetId", "Target", (v: string) => v],
] as const;

export function LinkedFilters({ params, onClear }: { params: URLSearchParams; onClear: (key: string) => void }) {
  const set = LINKED.filter(([key]) => params.get(key));
  if (set.length === 0) return null;
  return (
    <ul aria-label="Filters from the link" className="mb-3 flex flex-wrap gap-2 text-xs">
      {set.map(([key, label, show]) => (
        <li key={key} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-1 ring-1 ring-slate-200">
          {label}: <span className="font-mono">{show(params.get(key)!)}</span>
          <button
            type="button"
            onClick={() => onClear(key)}
            aria-label={`Remove the ${label.toLowerCase()} filter`}
            className="ml-1 text-slate-500 hover:text-slate-900"
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
