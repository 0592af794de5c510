"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { DataClassification, Environment } from "@/lib/generated/prisma/enums";
import { PERIOD_EXAMPLES, periodOf } from "@/lib/schemas/period";
import { useCreateCampaign, useStartCampaign } from "@/lib/queries/reviews";
import { useTeams } from "@/lib/queries/teams";
import { ZCreateCampaignInput } from "@/lib/schemas/review";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** An ADMIN drafts a campaign, and may start it at once: starting freezes the population. */
export function CampaignForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const teams = useTeams();
  const create = useCreateCampaign();
  const start = useStartCampaign();
  const { errors, submit } = useFormErrors();
  const [period, setPeriod] = useState(() => periodOf("QUARTERLY", new Date()).period);
  const [dueAt, setDueAt] = useState(() => day(new Date(Date.now() + 30 * 86_400_000)));
  const [defaultAction, setDefaultAction] = useState("KEEP");
  const [environments, setEnvironments] = useState<string[]>([]);
  const [classifications, setClassifications] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);

  const save = async (andStart: boolean) => {
    const values = {
      period,
      dueAt: `${dueAt}T23:59:59Z`,
      defaultAction,
      scope: { environments, classifications, teamIds },
    };
    const campaign = await submit(ZCreateCampaignInput, values, (input) => create.mutateAsync(input));
    if (!campaign) return;
    if (andStart) {
      try {
        const started = await start.mutateAsync(campaign.id);
        toast.show(`Started ${started.period}: ${started.populationCount} items frozen`);
        for (const w of started.warnings) toast.show(w, "error");
      } catch {
        // The toast says why (an empty population): the draft stays, to change or cancel.
      }
    }
    onDone();
    router.push(`/reviews?campaign=${campaign.id}`);
  };

  return (
    <Card title="New campaign">
      <div className="grid gap-4 md:grid-cols-3">
        <Field
          label="Period"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          error={errors.period}
          hint={PERIOD_EXAMPLES}
        />
        <Field
          label="Due date"
          type="date"
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
          error={errors.dueAt}
        />
        <SelectField
          label="Default for undecided items"
          value={defaultAction}
          onChange={(e) => setDefaultAction(e.target.value)}
          options={[
            { value: "KEEP", label: "Keep, flagged as an exception" },
            { value: "REVOKE", label: "Revoke" },
          ]}
        />
      </div>
      <p className="mt-4 text-sm font-medium text-slate-700">Scope (nothing ticked: every server)</p>
      <div className="mt-2 grid gap-4 md:grid-cols-3">
        <CheckboxGroup
          legend="Environments"
          options={Object.values(Environment).map((v) => ({ value: v, label: v }))}
          value={environments}
          onChange={setEnvironments}
        />
        <CheckboxGroup
          legend="Classifications"
          options={Object.values(DataClassification).map((v) => ({ value: v, label: v }))}
          value={classifications}
          onChange={setClassifications}
        />
        <CheckboxGroup
          legend="Owner teams"
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={teamIds}
          onChange={setTeamIds}
          error={errors["scope.teamIds"]}
        />
      </div>
      {defaultAction === "REVOKE" && (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
          With REVOKE, every grant nobody decides by the due date is revoked. Warden warns while more than half the
          grants in scope are still undecided.
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <Button onClick={() => save(true)} disabled={create.isPending || start.isPending}>
          Create and start
        </Button>
        <Button variant="secondary" onClick={() => save(false)} disabled={create.isPending}>
          Save as draft
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </Card>
  );
}
