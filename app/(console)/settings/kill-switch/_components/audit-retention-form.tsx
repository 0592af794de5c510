"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/queries/api-client";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { RETENTION_CLASSES, ZAuditRetentionInput, type TAuditRetentionInput } from "@/lib/schemas/audit-retention";

type Retention = { auditRetentionDays: number; auditRetentionByClass: unknown };

/** How long the audit log keeps a month before it is sealed, archived and dropped; longer for classified servers. */
export function AuditRetentionForm({ initial }: { initial: Retention }) {
  const toast = useToast();
  const byClass = (initial.auditRetentionByClass ?? {}) as Record<string, number>;
  const { errors, onSubmit: submit } = useFormSubmit(
    ZAuditRetentionInput,
    (f) => ({
      auditRetentionDays: f.get("auditRetentionDays"),
      auditRetentionByClass: Object.fromEntries(RETENTION_CLASSES.map((c) => [c, f.get(`class.${c}`) ?? ""])),
    }),
    (body: TAuditRetentionInput) => apiFetch("/api/console/org/audit-retention", { method: "PUT", body }),
    () => toast.show("Audit retention saved"),
  );
  return (
    <Card title="Audit retention">
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 md:grid-cols-5" aria-label="Audit retention">
        <Field
          label="Retention (days)"
          name="auditRetentionDays"
          type="number"
          min={90}
          defaultValue={initial.auditRetentionDays}
          error={errors.auditRetentionDays}
        />
        {RETENTION_CLASSES.map((c) => (
          <Field
            key={c}
            label={`${c} servers (days)`}
            name={`class.${c}`}
            type="number"
            min={90}
            placeholder="Organisation's"
            defaultValue={byClass[c] ?? ""}
            error={errors[`auditRetentionByClass.${c}`]}
          />
        ))}
        <div>
          <Button type="submit">Save</Button>
        </div>
      </form>
    </Card>
  );
}
