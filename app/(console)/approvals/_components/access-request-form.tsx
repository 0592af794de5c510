"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { AgentSelectField } from "@/app/(console)/_components/agent-select-field";
import { useRequestAccess } from "@/lib/queries/approvals";
import { useServer, useServers } from "@/lib/queries/servers";
import { ZAccessRequestInput } from "@/lib/schemas/approval";

/** Just-in-time access: an agent, a server, some tools, for a while, with a reason. */
export function AccessRequestForm({ onDone }: { onDone: () => void }) {
  const servers = useServers({});
  const [slug, setSlug] = useState("");
  const server = useServer(slug);
  const request = useRequestAccess();
  const toast = useToast();
  const [tools, setTools] = useState<string[]>([]);
  const { errors, onSubmit: submit } = useFormSubmit(
    ZAccessRequestInput,
    (f) => ({
      ...fieldValues(f, "agentId", "justification"),
      serverId: server.data?.id ?? "",
      tools,
      durationHours: Number(f.get("durationDays") || 0) * 24 + Number(f.get("durationHours") || 0),
    }),
    request.mutateAsync,
    () => {
      toast.show("Access requested: approvers have been notified");
      onDone();
    },
  );
  return (
    <Card title="Request temporary access for an agent">
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4 md:grid-cols-2" aria-label="Request access">
        <AgentSelectField error={errors.agentId} />
        <SelectField
          label="Server"
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setTools([]);
          }}
          placeholder="Choose…"
          options={(servers.data ?? []).map((s) => ({ value: s.slug, label: `${s.name} (${s.environment})` }))}
          error={errors.serverId}
        />
        <div className="md:col-span-2">
          {slug && (
            <CheckboxGroup
              legend="Tools"
              value={tools}
              onChange={setTools}
              options={(server.data?.tools ?? []).map((t) => ({
                value: t.name,
                label: `${t.name} (${t.riskOverride ?? t.risk})`,
              }))}
              error={errors.tools}
            />
          )}
        </div>
        <Field
          label="Days"
          name="durationDays"
          type="number"
          min={0}
          max={14}
          defaultValue={1}
          error={errors.durationHours}
        />
        <Field label="Hours" name="durationHours" type="number" min={0} max={23} defaultValue={0} />
        <Field label="Justification" name="justification" className="md:col-span-2" error={errors.justification} />
        <div>
          <Button type="submit" disabled={request.isPending}>
            Request access
          </Button>
        </div>
      </form>
    </Card>
  );
}
