"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { ReadSourceNote } from "@/components/layout/read-source-note";
import { Card } from "@/components/ui/card";
import type { ReadSource } from "@/lib/db/replica";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { CATEGORY_OPTIONS, OUTCOME_OPTIONS } from "@/lib/audit/explorer-filters";
import { usePeriodFields } from "./period-fields";
import { query } from "./report-links";

const TEXT = [
  ["server", "Server"],
  ["tool", "Tool"],
  ["agent", "Agent"],
  ["onBehalfOf", "On behalf of"],
  ["q", "Search"],
] as const;

/** The explorer's filters, exported as a stream (CSV or NDJSON) or as a signed evidence pack. */
export function AuditExportCard({ readSource }: { readSource: ReadSource | null }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const { fields: periodFields, period, valid } = usePeriodFields();
  const off = valid ? "" : "pointer-events-none opacity-50";
  const [format, setFormat] = useState("csv");
  const filters = query({ ...values, ...period });
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value.trim() }));
  return (
    <Card title="Audit log export">
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        Exactly the rows the audit explorer shows for the same filters, every field included (with each row&apos;s chain
        hash), streamed as it is read. Each export is itself recorded in the audit log.
      </p>
      <div className="mb-3">
        <ReadSourceNote source={readSource} />
      </div>
      <form
        className="grid grid-cols-2 gap-3 md:grid-cols-4"
        aria-label="Export filters"
        onSubmit={(e) => e.preventDefault()}
      >
        {periodFields}
        <SelectField
          label="Category"
          value={values.category ?? ""}
          onChange={(e) => set("category", e.target.value)}
          placeholder="All categories"
          options={CATEGORY_OPTIONS}
        />
        <SelectField
          label="Outcome"
          value={values.outcome ?? ""}
          onChange={(e) => set("outcome", e.target.value)}
          placeholder="Any outcome"
          options={OUTCOME_OPTIONS}
        />
        <SelectField
          label="Format"
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          options={[
            { value: "csv", label: "CSV" },
            { value: "ndjson", label: "NDJSON" },
          ]}
        />
        {TEXT.map(([key, label]) => (
          <Field key={key} label={label} value={values[key] ?? ""} onChange={(e) => set(key, e.target.value)} />
        ))}
      </form>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <a
          className={`${buttonClass()} ${off}`}
          aria-disabled={!valid}
          href={`/api/console/audit/export?${query({ format })}${filters ? `&${filters}` : ""}`}
          download
          data-testid="download-audit-export"
        >
          Download {format.toUpperCase()}
        </a>
        <a
          className={`${buttonClass("secondary")} ${off}`}
          aria-disabled={!valid}
          href={`/api/console/reports/packs/audit?${query({ format })}${filters ? `&${filters}` : ""}`}
          download
          data-testid="download-audit-pack"
        >
          Download signed evidence pack (ZIP)
        </a>
        <a className="text-sm text-brand-700 hover:underline" href={`/audit?${filters}`}>
          Open these filters in the explorer
        </a>
      </div>
    </Card>
  );
}
