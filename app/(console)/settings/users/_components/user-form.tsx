"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useTeams } from "@/lib/queries/teams";
import { useCreateUser, useUpdateUser } from "@/lib/queries/users";
import { ROLES, ZCreateUserInput, ZUpdateUserInput } from "@/lib/schemas/user";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { UserView } from "@/lib/services/users/user-view";

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r.charAt(0) + r.slice(1).toLowerCase() }));

/** Creates a user, or (given `user`) edits name, roles and teams. Same zod schemas as the API. */
export function UserForm({
  user,
  onDone,
  children,
}: {
  user?: Jsonified<UserView>;
  onDone: () => void;
  children?: ReactNode;
}) {
  const teams = useTeams();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ["VIEWER"]);
  const [teamIds, setTeamIds] = useState<string[]>(user?.teams.map((t) => t.id) ?? []);
  const { errors, submit: send } = useFormErrors();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: form.get("name"),
      roles,
      teamIds,
      ...(user ? {} : { email: form.get("email"), password: form.get("password") }),
    };
    const saved = user
      ? await send(ZUpdateUserInput, values, (data) => update.mutateAsync({ id: user.id, ...data }))
      : await send(ZCreateUserInput, values, create.mutateAsync);
    if (saved) onDone();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={user ? "Edit user" : "New user"}>
      {!user && <Field label="Email" name="email" type="email" autoComplete="off" error={errors.email} />}
      <Field label="Name" name="name" defaultValue={user?.name} error={errors.name} />
      {!user && (
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          hint="At least 12 characters. Share it out of band."
        />
      )}
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} error={errors.roles} />
      <CheckboxGroup
        legend="Teams"
        options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        value={teamIds}
        onChange={setTeamIds}
        error={errors.teamIds}
      />
      {children}
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {user ? "Save changes" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
