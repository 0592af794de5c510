"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { EmptyState } from "@/components/layout/empty-state";
import { EnvBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { enumOptions, SelectField } from "@/components/ui/select-field";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { resetForm, useFormSubmit } from "@/lib/forms/use-form-submit";
import { checkedValues, fieldValues } from "@/lib/forms/form-values";
import { useAddCredential, useRemoveCredential } from "@/lib/queries/servers";
import { ZCreateCredentialInput } from "@/lib/schemas/credential";
import type { TabProps } from "./types";
import { CredentialKind, CredentialProvider, Environment } from "@/lib/generated/prisma/enums";
import { enumLabel } from "@/lib/schemas/enum-labels";
import { ConfirmButton } from "@/components/ui/confirm-button";

function CredentialForm({ slug, env }: { slug: string; env: string }) {
  const add = useAddCredential(slug);
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateCredentialInput,
    (f) => ({
      ...fieldValues(f, "provider", "reference", "kind", "rotationDays", "lastRotatedAt", "environment"),
      ...checkedValues(f, "dynamicSecret"),
      oauthScopes: String(f.get("oauthScopes") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    }),
    add.mutateAsync,
    resetForm,
  );
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid grid-cols-1 gap-3 md:grid-cols-3"
      aria-label="Add credential reference"
    >
      <SelectField
        label="Provider"
        name="provider"
        placeholder="Choose…"
        options={enumOptions(Object.values(CredentialProvider))}
        error={errors.provider}
      />
      <Field
        label="Reference (path, ARN or URI)"
        name="reference"
        autoComplete="off"
        placeholder="secret/mcp/salesforce/support-agent"
        error={errors.reference}
        className="md:col-span-2"
      />
      <SelectField
        label="Kind"
        name="kind"
        placeholder="Choose…"
        options={enumOptions(Object.values(CredentialKind))}
        error={errors.kind}
      />
      <Field label="Rotation (days)" name="rotationDays" type="number" defaultValue={30} error={errors.rotationDays} />
      <Field label="Last rotated" name="lastRotatedAt" type="date" error={errors.lastRotatedAt} />
      <SelectField
        label="Environment"
        name="environment"
        defaultValue={env}
        options={enumOptions(Object.values(Environment))}
        error={errors.environment}
      />
      <Field label="OAuth scopes (comma separated)" name="oauthScopes" error={errors.oauthScopes} />
      <Checkbox name="dynamicSecret" label="Dynamic secret" className="self-end pb-2 text-sm" />
      <div className="md:col-span-3">
        <Button type="submit" disabled={add.isPending}>
          Add reference
        </Button>
      </div>
    </form>
  );
}

export function CredentialsTab({ server }: TabProps) {
  const remove = useRemoveCredential(server.slug);
  return (
    <div className="space-y-6">
      <Card title="Credential references">
        <p className="mb-3 text-sm text-slate-600">
          Warden stores where each secret lives, never the secret. Values that look like secrets are refused.
        </p>
        <DataTable
          label="Credential references"
          columns={["Reference", "Kind", "Rotation", "Env", "Attention", ACTIONS_COLUMN]}
          rows={server.credentials}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ "data-testid": `credential-row-${c.reference}` })}
          empty={<EmptyState title="No credential references" />}
        >
          {(c) => (
            <>
              <Td>
                <p className="font-mono text-xs break-all">{c.reference}</p>
                <p className="text-xs text-slate-500">
                  {enumLabel(c.provider)}
                  {c.dynamicSecret ? " · dynamic" : ""}
                </p>
              </Td>
              <Td>{enumLabel(c.kind)}</Td>
              <Td>
                every {c.rotationDays} d
                <p className="text-xs text-slate-500">
                  last <Timestamp value={c.lastRotatedAt} precision="day" empty="unknown" />
                </p>
              </Td>
              <Td>
                <EnvBadge env={c.environment} />
              </Td>
              <Td>
                <div className="flex flex-col gap-1">
                  {c.flags.length === 0 ? (
                    <Badge tone="success">OK</Badge>
                  ) : (
                    c.flags.map((f) => (
                      <Badge key={f.code} tone={f.code === "ROTATION_DUE" ? "warning" : "danger"}>
                        {f.message}
                      </Badge>
                    ))
                  )}
                </div>
              </Td>
              <Td className="text-right">
                {server.canEdit && (
                  <ConfirmButton
                    size="sm"
                    title="Remove this credential reference?"
                    description={`${c.reference} is no longer tracked for rotation or readiness. The secret itself stays in the vault.`}
                    onConfirm={() => remove.mutateAsync(c.id)}
                  >
                    Remove
                  </ConfirmButton>
                )}
              </Td>
            </>
          )}
        </DataTable>
      </Card>
      {server.canEdit && (
        <Card title="Add a credential reference">
          <CredentialForm slug={server.slug} env={server.environment} />
        </Card>
      )}
    </div>
  );
}
