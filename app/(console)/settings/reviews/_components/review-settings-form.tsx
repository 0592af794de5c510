"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useUpdateReviewSettings } from "@/lib/queries/reviews";
import { ZReviewSettingsInput } from "@/lib/schemas/review";
import type { ReviewSettingsView } from "@/lib/services/reviews/get-review-settings";

const CADENCES = [
  { value: "QUARTERLY", label: "Quarterly (2026-Q4)" },
  { value: "MONTHLY", label: "Monthly (2026-12)" },
  { value: "SEMI_ANNUAL", label: "Semi-annual (2026-H2)" },
  { value: "YEARLY", label: "Yearly (2026)" },
];

/** The schedule that starts a campaign over every server each period, and the review rules. */
export function ReviewSettingsForm({ initial }: { initial: ReviewSettingsView }) {
  const save = useUpdateReviewSettings();
  const toast = useToast();
  const { errors, submit: send } = useFormErrors();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const saved = await send(
      ZReviewSettingsInput,
      {
        scheduleEnabled: f.get("scheduleEnabled") === "on",
        cadence: f.get("cadence"),
        dayOfPeriod: f.get("dayOfPeriod"),
        dueInDays: f.get("dueInDays"),
        defaultAction: f.get("defaultAction"),
        certifyNeedsJustification: f.get("certifyNeedsJustification") === "on",
      },
      (body) => save.mutateAsync(body),
    );
    if (saved) toast.show("Review schedule saved");
  }
  return (
    <Card title="Access review schedule">
      <form onSubmit={submit} noValidate aria-label="Review schedule" className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <label className="flex items-center gap-2 text-sm md:col-span-3">
          <input type="checkbox" name="scheduleEnabled" defaultChecked={initial.scheduleEnabled} />
          Start a campaign over every server each period
        </label>
        <SelectField label="Cadence" name="cadence" defaultValue={initial.cadence} options={CADENCES} />
        <Field
          label="Day of the period's first month"
          name="dayOfPeriod"
          type="number"
          min={1}
          max={28}
          defaultValue={initial.dayOfPeriod}
          error={errors.dayOfPeriod}
        />
        <Field
          label="Days until due"
          name="dueInDays"
          type="number"
          min={1}
          max={180}
          defaultValue={initial.dueInDays}
          error={errors.dueInDays}
        />
        <SelectField
          label="Undecided at the due date"
          name="defaultAction"
          defaultValue={initial.defaultAction}
          options={[
            { value: "KEEP", label: "Keep, flagged as an exception" },
            { value: "REVOKE", label: "Revoke" },
          ]}
        />
        <label className="flex items-center gap-2 text-sm md:col-span-2">
          <input type="checkbox" name="certifyNeedsJustification" defaultChecked={initial.certifyNeedsJustification} />
          Require a justification to certify (revoking and narrowing always need one)
        </label>
        <div className="md:col-span-3">
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
