"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { enumOptions, SelectField } from "@/components/ui/select-field";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useCreateServer, useUpdateServer } from "@/lib/queries/servers";
import { useTeams } from "@/lib/queries/teams";
import { ZCreateServerInput, ZUpdateServerInput } from "@/lib/schemas/server";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ServerDetail } from "@/lib/services/servers/get-server";
import { DataClassification, Environment, Hosting, Transport } from "@/lib/generated/prisma/enums";

function readForm(form: FormData) {
  const text = (k: string) => String(form.get(k) ?? "");
  return {
    slug: text("slug"),
    name: text("name"),
    description: text("description"),
    ownerTeamId: text("ownerTeamId"),
    primaryOwnerId: text("primaryOwnerId"),
    environment: text("environment"),
    transport: text("transport"),
    endpoint: text("endpoint"),
    hosting: text("hosting"),
    vendor: text("vendor"),
    version: text("version"),
    dataClassification: text("dataClassification"),
    tags: text("tags")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    sessionTimeoutMinutes: text("sessionTimeoutMinutes"),
    rateLimitPerMinute: text("rateLimitPerMinute"),
    maxRecordsPerCall: text("maxRecordsPerCall"),
    auditRetentionDays: text("auditRetentionDays"),
    siemForward: text("siemForward"),
    requiresActiveSession: form.get("requiresActiveSession") === "on",
    highRiskApproval: form.get("highRiskApproval") === "on",
    approvalsRequired: text("approvalsRequired"),
    approvalTtlMinutes: text("approvalTtlMinutes"),
    approvalCommentRequired: form.get("approvalCommentRequired") === "on",
  };
}

/** A server's fields that hold one number or one text (not a flag or a list). */
type ScalarField = {
  [K in keyof ServerDetail]: ServerDetail[K] extends string | number | null ? K : never;
}[keyof ServerDetail];

type Setting = {
  name: ScalarField & keyof ReturnType<typeof readForm>;
  label: string;
  type?: "number";
  placeholder?: string;
  fallback?: number;
};

/** The server's limits and approval settings: one input each, blank for the default where one is named. */
const SETTINGS: Setting[] = [
  { name: "rateLimitPerMinute", label: "Rate limit per agent per minute", type: "number" },
  { name: "maxRecordsPerCall", label: "Max records per call", type: "number" },
  { name: "sessionTimeoutMinutes", label: "Session timeout (minutes)", type: "number" },
  { name: "auditRetentionDays", label: "Audit retention (days)", type: "number", fallback: 365 },
  { name: "siemForward", label: "SIEM forward target", placeholder: "splunk://siem.corp.internal" },
  {
    name: "approvalsRequired",
    label: "Approvers needed (blank: 1, or 2 for CRITICAL/RESTRICTED)",
    type: "number",
  },
  { name: "approvalTtlMinutes", label: "Approval window for a tool call (minutes, blank: 30)", type: "number" },
];

/** Registers a server, or edits one; the same zod schemas validate here and in the API. */
export function ServerForm({ server, onDone }: { server?: Jsonified<ServerDetail>; onDone?: () => void }) {
  const router = useRouter();
  const teams = useTeams();
  const create = useCreateServer();
  const update = useUpdateServer(server?.slug ?? "");
  const { errors, submit: send } = useFormErrors();
  const [teamId, setTeamId] = useState(server?.ownerTeamId ?? "");
  const members = teams.data?.find((t) => t.id === teamId)?.members ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readForm(new FormData(event.currentTarget));
    if (server) {
      if (await send(ZUpdateServerInput, { ...values, slug: undefined }, update.mutateAsync)) onDone?.();
      return;
    }
    const created = await send(ZCreateServerInput, values, create.mutateAsync);
    if (created) router.push(`/servers/${created.slug}`);
  }

  const s = server;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid grid-cols-1 gap-4 md:grid-cols-2"
      aria-label={s ? "Edit server" : "Register server"}
    >
      {!s && <Field label="Slug" name="slug" placeholder="salesforce-crm" error={errors.slug} />}
      <Field label="Name" name="name" defaultValue={s?.name} error={errors.name} />
      <Field
        label="Description"
        name="description"
        defaultValue={s?.description}
        error={errors.description}
        className="md:col-span-2"
      />
      <SelectField
        label="Environment"
        name="environment"
        defaultValue={s?.environment ?? ""}
        placeholder="Choose…"
        options={enumOptions(Object.values(Environment))}
        error={errors.environment}
      />
      <SelectField
        label="Data classification"
        name="dataClassification"
        defaultValue={s?.dataClassification ?? ""}
        placeholder="Not classified"
        options={enumOptions(Object.values(DataClassification))}
        error={errors.dataClassification}
      />
      <SelectField
        label="Transport"
        name="transport"
        defaultValue={s?.transport ?? ""}
        placeholder="Choose…"
        options={enumOptions(Object.values(Transport))}
        error={errors.transport}
      />
      <Field label="Endpoint URL or command" name="endpoint" defaultValue={s?.endpoint} error={errors.endpoint} />
      <SelectField
        label="Hosting"
        name="hosting"
        defaultValue={s?.hosting ?? "SELF_HOSTED"}
        options={enumOptions(Object.values(Hosting))}
        error={errors.hosting}
      />
      <Field label="Vendor" name="vendor" defaultValue={s?.vendor ?? ""} error={errors.vendor} />
      <Field label="Version" name="version" defaultValue={s?.version ?? ""} error={errors.version} />
      <Field label="Tags (comma separated)" name="tags" defaultValue={s?.tags.join(", ")} error={errors.tags} />
      <SelectField
        label="Owner team"
        name="ownerTeamId"
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        placeholder="No team"
        options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        error={errors.ownerTeamId}
      />
      <SelectField
        label="Primary owner"
        name="primaryOwnerId"
        defaultValue={s?.primaryOwnerId ?? ""}
        placeholder="Nobody"
        options={members.map((m) => ({ value: m.id, label: `${m.name} <${m.email}>` }))}
        error={errors.primaryOwnerId}
      />
      {SETTINGS.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          name={f.name}
          type={f.type}
          placeholder={f.placeholder}
          defaultValue={s?.[f.name] ?? f.fallback ?? ""}
          error={errors[f.name]}
        />
      ))}
      <div className="flex flex-col gap-2 text-sm">
        <Checkbox
          name="approvalCommentRequired"
          defaultChecked={s?.approvalCommentRequired ?? false}
          label="Approvers must comment"
        />
        <Checkbox
          name="requiresActiveSession"
          defaultChecked={s?.requiresActiveSession ?? false}
          label="Requires an active user session"
        />
        <Checkbox
          name="highRiskApproval"
          defaultChecked={s?.highRiskApproval ?? true}
          label="High-risk tools need approval"
        />
      </div>
      <div className="flex justify-end gap-2 md:col-span-2">
        {onDone && (
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {s ? "Save changes" : "Register server"}
        </Button>
      </div>
    </form>
  );
}
