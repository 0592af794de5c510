"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { checkedValues, fieldValues } from "@/lib/forms/form-values";
import { useUpdateReviewSettings } from "@/lib/queries/reviews";
import { PERIOD_EXAMPLE } from "@/lib/schemas/period";
import { ZReviewSettingsInput } from "@/lib/schemas/review";
import type { ReviewSettingsView } from "@/lib/services/reviews/get-review-settings";

const CADENCES = [
  { value: "QUARTERLY", label: `Quarterly (${PERIOD_EXAMPLE.QUARTERLY})` },
  { value: "MONTHLY", label: `Monthly (${PERIOD_EXAMPLE.MONTHLY})` },
  { value: "SEMI_ANNUAL", label: `Semi-annual (${PERIOD_EXAMPLE.SEMI_ANNUAL})` },
  { value: "YEARLY", label: `Yearly (${PERIOD_EXAMPLE.YEARLY})` },
];

/** The schedule that starts a campaign over every server each period, and the review rules. */
export function ReviewSettingsForm({ initial }: { initial: ReviewSettingsView }) {
  const save = useUpdateReviewSettings();
  const toast = useToast();
  const { errors, onSubmit: submit } = useFormSubmit(
    ZReviewSettingsInput,
    (f) => ({
      ...fieldValues(f, "cadence", "dayOfPeriod", "dueInDays", "defaultAction"),
      ...checkedValues(
        f,
        "scheduleEnabled",
        "certifyNeedsJustification",
        "allowOwnerSelfReview",
        "allowDeciderSignOff",
      ),
    }),
    (body) => save.mutateAsync(body),
    () => toast.show("Review schedule saved"),
  );
  return (
    <Card title="Access review schedule">
      <form onSubmit={submit} noValidate aria-label="Review schedule" className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Checkbox
          name="scheduleEnabled"
          defaultChecked={initial.scheduleEnabled}
          label="Start a campaign over every server each period"
          className="text-sm md:col-span-3"
        />
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
        <Checkbox
          name="certifyNeedsJustification"
          defaultChecked={initial.certifyNeedsJustification}
          label="Require a justification to certify (revoking and narrowing always need one)"
          className="text-sm md:col-span-2"
        />
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 text-sm md:col-span-3">
          <legend className="px-1 font-medium text-slate-800">Separation of duties</legend>
          <p className="text-xs text-slate-500">
            Off by default: nobody reviews access of an agent they own or registered, of a server they own or
            registered, or that they granted; and whoever decided or reassigned items does not sign the campaign off
            while another ADMIN or AUDITOR could. Each campaign keeps the settings it started with.
          </p>
          <Checkbox
            name="allowOwnerSelfReview"
            defaultChecked={initial.allowOwnerSelfReview}
            label="Allow owners, registrars and grantors to review their own access"
            hint="For small teams: each such decision is marked in the evidence pack (decisions.csv, column conflict)."
          />
          <Checkbox
            name="allowDeciderSignOff"
            defaultChecked={initial.allowDeciderSignOff}
            label="Allow whoever decided or reassigned items to sign the campaign off"
            hint="The sign-off record (sign-off.json and the audit log) then says what the signer did."
          />
        </fieldset>
        <div className="md:col-span-3">
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
