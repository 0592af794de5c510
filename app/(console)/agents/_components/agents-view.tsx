"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { StatusBadge } from "@/components/layout/status-badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { DataTable, Td } from "@/components/ui/data-table";
import { resetForm, useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useAgents, useCreateAgent } from "@/lib/queries/agents";
import { useTeams } from "@/lib/queries/teams";
import { ZCreateAgentInput } from "@/lib/schemas/agent";

function AgentForm() {
  const create = useCreateAgent();
  const teams = useTeams();
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateAgentInput,
    (f) => fieldValues(f, "name", "clientId", "purpose", "teamId"),
    create.mutateAsync,
    resetForm,
  );
  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label="Register agent">
      <Field label="Name" name="name" error={errors.name} />
      <Field
        label="Client id (what gateways report)"
        name="clientId"
        placeholder="support-assistant"
        error={errors.clientId}
      />
      <Field label="Purpose" name="purpose" error={errors.purpose} />
      <SelectField
        label="Team"
        name="teamId"
        placeholder="No team"
        options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        error={errors.teamId}
      />
      <div>
        <Button type="submit" disabled={create.isPending}>
          Register agent
        </Button>
      </div>
    </form>
  );
}

export function AgentsView({ canManage }: { canManage: boolean }) {
  const agents = useAgents();
  return (
    <div className="space-y-6">
      <Card title="Agents">
        {agents.data && (
          <DataTable
            label="Agents"
            columns={["Agent", "Client id", "Owner", "Team", "Active grants", "Status"]}
            rows={agents.data}
            rowKey={(a) => a.id}
            empty={<EmptyState title="No agents registered" />}
          >
            {(a) => (
              <>
                <Td>
                  <Link href={`/agents/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    {a.name}
                  </Link>
                  <p className="text-xs text-slate-500">{a.purpose}</p>
                </Td>
                <Td className="font-mono text-xs">{a.clientId}</Td>
                <Td>{a.owner?.email ?? "—"}</Td>
                <Td>{a.team?.name ?? "—"}</Td>
                <Td>{a.activeGrants}</Td>
                <Td>
                  <StatusBadge status={a.status} />
                </Td>
              </>
            )}
          </DataTable>
        )}
      </Card>
      {canManage && (
        <Card title="Register an agent">
          <AgentForm />
        </Card>
      )}
    </div>
  );
}
