"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useAgents } from "@/lib/queries/agents";
import { useCreateGrant } from "@/lib/queries/grants";
import { OPERATIONS, ZCreateGrantInput } from "@/lib/schemas/grant";
import type { TabProps } from "./server-detail-view";

const csv = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function GrantForm({ server }: { server: TabProps["server"] }) {
  const agents = useAgents();
  const create = useCreateGrant(server.slug);
  const toast = useToast();
  const [tools, setTools] = useState<string[]>([]);
  const [ops, setOps] = useState<string[]>(["read"]);
  const { errors, submit: send } = useFormErrors();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const g = await send(
      ZCreateGrantInput,
      {
        agentId: f.get("agentId"),
        serverId: server.id,
        allowedTools: tools,
        allowedOperations: ops,
        allowedObjects: csv(f.get("allowedObjects")),
        deniedFields: csv(f.get("deniedFields")),
        maxRecords: f.get("maxRecords"),
        expiresAt: f.get("expiresAt"),
      },
      create.mutateAsync,
    );
    if (g) toast.show(g.warnings.length ? `Grant created. ${g.warnings.join(" ")}` : "Grant created");
  }
  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label="New grant">
      <SelectField
        label="Agent"
        name="agentId"
        placeholder="Choose…"
        options={(agents.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.clientId})` }))}
        error={errors.agentId}
      />
      <Field label="Expires" name="expiresAt" type="date" error={errors.expiresAt} hint="Least privilege: set one." />
      <div className="md:col-span-2">
        <CheckboxGroup
          legend="Allowed tools"
          value={tools}
          onChange={setTools}
          error={errors.allowedTools}
          options={[
            ...server.tools.map((t) => ({ value: t.name, label: t.name })),
            { value: "*", label: "* (all, flagged)" },
          ]}
        />
      </div>
      <CheckboxGroup
        legend="Allowed operations"
        value={ops}
        onChange={setOps}
        error={errors.allowedOperations}
        options={OPERATIONS.map((o) => ({ value: o, label: o }))}
      />
      <Field label="Max records per call" name="maxRecords" type="number" error={errors.maxRecords} />
      <Field
        label="Allowed objects (comma separated)"
        name="allowedObjects"
        placeholder="Account, Case"
        error={errors.allowedObjects}
      />
      <Field
        label="Denied fields (comma separated)"
        name="deniedFields"
        placeholder="SSN__c, Salary__c"
        error={errors.deniedFields}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          Grant access
        </Button>
      </div>
    </form>
  );
}
