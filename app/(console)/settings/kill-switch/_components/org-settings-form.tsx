"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/queries/api-client";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useTeams } from "@/lib/queries/teams";
import { ZOrgSettingsInput, type TOrgSettingsInput } from "@/lib/schemas/org";

/** Every IANA time zone this browser knows, UTC first: a picker, so a typo can never break the off-hours rule. */
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")];

type Settings = {
  businessTimezone: string;
  businessStartHour: number;
  businessEndHour: number;
  fallbackApproverTeamId: string | null;
};

/** Business hours for the off-hours finding, and who hears about approvals still waiting at half-time. */
export function OrgSettingsForm({ initial }: { initial: Settings }) {
  const teams = useTeams();
  const toast = useToast();
  const { errors, onSubmit: submit } = useFormSubmit(
    ZOrgSettingsInput,
    (f) => fieldValues(f, "businessTimezone", "businessStartHour", "businessEndHour", "fallbackApproverTeamId"),
    (body: TOrgSettingsInput) => apiFetch("/api/console/org/settings", { method: "PUT", body }),
    () => toast.show("Organisation settings saved"),
  );
  return (
    <Card title="Business hours and escalation">
      <form
        onSubmit={submit}
        noValidate
        className="grid grid-cols-1 gap-3 md:grid-cols-4"
        aria-label="Organisation settings"
      >
        <SelectField
          label="Time zone"
          name="businessTimezone"
          defaultValue={initial.businessTimezone}
          error={errors.businessTimezone}
          options={TIME_ZONES.map((tz) => ({ value: tz, label: tz.replaceAll("_", " ") }))}
        />
        <Field
          label="Business hours start"
          name="businessStartHour"
          type="number"
          min={0}
          max={23}
          defaultValue={initial.businessStartHour}
          error={errors.businessStartHour}
        />
        <Field
          label="Business hours end"
          name="businessEndHour"
          type="number"
          min={1}
          max={24}
          defaultValue={initial.businessEndHour}
          error={errors.businessEndHour}
        />
        <SelectField
          label="Escalate to team"
          name="fallbackApproverTeamId"
          defaultValue={initial.fallbackApproverTeamId ?? ""}
          placeholder="Every approver"
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          error={errors.fallbackApproverTeamId}
        />
        <div>
          <Button type="submit">Save</Button>
        </div>
      </form>
    </Card>
  );
}
