"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { resetForm, useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useCreateTeam, useTeams } from "@/lib/queries/teams";
import { ZCreateTeamInput } from "@/lib/schemas/team";

export function TeamsCard() {
  const teams = useTeams();
  const create = useCreateTeam();
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateTeamInput,
    (f) => fieldValues(f, "slug", "name"),
    create.mutateAsync,
    resetForm,
  );

  return (
    <Card title="Teams">
      <ul className="mb-4 flex flex-wrap gap-2">
        {teams.data?.map((t) => (
          <li key={t.id} className="rounded-md border border-slate-200 px-3 py-1.5 text-sm">
            {t.name}{" "}
            <span className="text-slate-500">
              · {t.memberCount} member{t.memberCount === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="New team">
        <Field label="Team name" name="name" error={errors.name} />
        <Field label="Slug" name="slug" placeholder="support-eng" error={errors.slug} />
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Add team
        </Button>
      </form>
    </Card>
  );
}
