"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { DataTable, Td } from "@/components/ui/data-table";
import { resetForm, useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useCreateReportSchedule, useDeleteReportSchedule, useReportSchedules } from "@/lib/queries/reports";
import { REPORT_FREQUENCIES, REPORT_KINDS, ZCreateReportScheduleInput } from "@/lib/schemas/report";

const KIND_LABEL: Record<string, string> = { audit: "Audit log", approvals: "Approvals", inventory: "Inventory" };

/** Reports on a calendar (ADMIN), and the history auditors download them from later. */
export function SchedulesCard({ canSchedule }: { canSchedule: boolean }) {
  const data = useReportSchedules();
  const create = useCreateReportSchedule();
  const remove = useDeleteReportSchedule();
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateReportScheduleInput,
    (f) => fieldValues(f, "name", "kind", "frequency", "retentionDays"),
    create.mutateAsync,
    resetForm,
  );
  return (
    <Card title="Scheduled reports and history">
      {data.data?.schedules.length === 0 && data.data.reports.length === 0 && (
        <EmptyState title="No scheduled reports yet" />
      )}
      {data.data && data.data.schedules.length > 0 && (
        <ul className="mb-4 space-y-2 text-sm">
          {data.data.schedules.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2" data-testid={`schedule-${s.name}`}>
              <span className="font-medium">{s.name}</span>
              <Badge>{KIND_LABEL[s.kind] ?? s.kind}</Badge>
              <Badge tone="info">{s.frequency.toLowerCase()}</Badge>
              <span className="text-slate-500">
                next <Timestamp value={s.nextRunAt} />, kept {s.retentionDays} days, by {s.createdByLabel}
              </span>
              {s.lastError && <span className="text-red-700">last run failed: {s.lastError}</span>}
              {canSchedule && (
                <Button size="sm" variant="ghost" className="ml-auto" onClick={() => remove.mutate(s.id)}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.data && data.data.reports.length > 0 && (
        <DataTable
          label="Report history"
          columns={["Report", "Generated (UTC)", "Size", "SHA-256", "Kept until", {}]}
          rows={data.data.reports}
          rowKey={(r) => r.id}
        >
          {(r) => (
            <>
              <Td>{r.name}</Td>
              <Td>
                <Timestamp value={r.createdAt} />
              </Td>
              <Td>{(r.bytes / 1024).toFixed(0)} KB</Td>
              <Td className="font-mono text-xs">{r.sha256.slice(0, 16)}…</Td>
              <Td>
                <Timestamp value={r.expiresAt} />
              </Td>
              <Td>
                <a className="text-brand-700 hover:underline" href={`/api/console/reports/history/${r.id}`} download>
                  Download
                </a>
              </Td>
            </>
          )}
        </DataTable>
      )}
      {canSchedule && (
        <form
          onSubmit={submit}
          noValidate
          aria-label="New schedule"
          className="mt-4 grid grid-cols-1 gap-3 border-t border-slate-200 pt-4 md:grid-cols-5"
        >
          <Field label="Name" name="name" placeholder="SOC 2 monthly" error={errors.name} />
          <SelectField
            label="Report"
            name="kind"
            defaultValue="approvals"
            options={REPORT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          />
          <SelectField
            label="Every"
            name="frequency"
            defaultValue="MONTHLY"
            options={REPORT_FREQUENCIES.map((f) => ({ value: f, label: f.toLowerCase() }))}
          />
          <Field
            label="Keep (days)"
            name="retentionDays"
            type="number"
            defaultValue={365}
            error={errors.retentionDays}
          />
          <div className="flex items-end">
            <Button type="submit" disabled={create.isPending}>
              Schedule
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
