"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useCreateToken } from "@/lib/queries/tokens";
import { TOKEN_SCOPES, ZCreateTokenInput } from "@/lib/schemas/token";

const SCOPE_HELP: Record<string, string> = {
  decide: "ask for decisions",
  ingest: "send audit events",
  manifest: "import tool manifests",
  read: "read registry and audit",
  bundle: "fetch the policy bundle (Warden gateways)",
};

export function TokenForm({ onCreated, onCancel }: { onCreated: (token: string) => void; onCancel: () => void }) {
  const create = useCreateToken();
  const [scopes, setScopes] = useState<string[]>([]);
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateTokenInput,
    (f) => ({ ...fieldValues(f, "name", "expiresInDays"), scopes }),
    create.mutateAsync,
    (created) => onCreated(created.token),
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="New API token">
      <Field label="Name" name="name" placeholder="gateway-prod" error={errors.name} />
      <CheckboxGroup
        legend="Scopes"
        options={TOKEN_SCOPES.map((s) => ({ value: s, label: `${s} (${SCOPE_HELP[s]})` }))}
        value={scopes}
        onChange={setScopes}
        error={errors.scopes}
      />
      <Field
        label="Expires in (days)"
        name="expiresInDays"
        type="number"
        min={1}
        max={365}
        defaultValue={90}
        error={errors.expiresInDays}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
