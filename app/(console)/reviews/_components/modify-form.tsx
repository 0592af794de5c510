"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import type { TGrantNarrowing } from "@/lib/schemas/review";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";

/** Narrowing only: the choices are the grant's own tools and operations, and lower limits or earlier expiry. */
export function ModifyForm({
  item,
  onChange,
}: {
  item: Jsonified<ReviewItemRow>;
  onChange: (changes: TGrantNarrowing) => void;
}) {
  const s = item.snapshot as { allowedTools: string[]; allowedOperations: string[] };
  const [tools, setTools] = useState<string[]>(s.allowedTools);
  const [ops, setOps] = useState<string[]>(s.allowedOperations);
  const [maxRecords, setMaxRecords] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const emit = (next: { tools?: string[]; ops?: string[]; maxRecords?: string; expiresAt?: string }) => {
    const t = next.tools ?? tools;
    const o = next.ops ?? ops;
    const m = next.maxRecords ?? maxRecords;
    const e = next.expiresAt ?? expiresAt;
    onChange({
      ...(t.length !== s.allowedTools.length ? { allowedTools: t } : {}),
      ...(o.length !== s.allowedOperations.length
        ? { allowedOperations: o as TGrantNarrowing["allowedOperations"] }
        : {}),
      ...(m ? { maxRecords: Number(m) } : {}),
      ...(e ? { expiresAt: new Date(`${e}T23:59:59Z`) } : {}),
    });
  };
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <fieldset className="mt-3 grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-2">
      <legend className="px-1 text-xs font-medium text-slate-600">Narrow the grant</legend>
      <div>
        <p className="text-xs font-medium text-slate-700">Keep tools</p>
        {s.allowedTools.map((t) => (
          <label key={t} className="mr-3 inline-flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={tools.includes(t)}
              onChange={() => {
                const next = toggle(tools, t);
                setTools(next);
                emit({ tools: next });
              }}
            />
            <span className="font-mono">{t}</span>
          </label>
        ))}
      </div>
      <div>
        <p className="text-xs font-medium text-slate-700">Keep operations</p>
        {s.allowedOperations.map((o) => (
          <label key={o} className="mr-3 inline-flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={ops.includes(o)}
              onChange={() => {
                const next = toggle(ops, o);
                setOps(next);
                emit({ ops: next });
              }}
            />
            {o}
          </label>
        ))}
      </div>
      <Field
        label="Lower the record limit to"
        type="number"
        min={1}
        value={maxRecords}
        onChange={(e) => {
          setMaxRecords(e.target.value);
          emit({ maxRecords: e.target.value });
        }}
      />
      <Field
        label="Expire earlier, on"
        type="date"
        value={expiresAt}
        onChange={(e) => {
          setExpiresAt(e.target.value);
          emit({ expiresAt: e.target.value });
        }}
      />
    </fieldset>
  );
}
