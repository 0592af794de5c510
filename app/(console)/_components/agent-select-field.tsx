"use client";

import { SelectField } from "@/components/ui/select-field";
import { useAgents } from "@/lib/queries/agents";

/** Picks an agent (field `agentId`), each shown with its client id, since two agents may share a name. */
export function AgentSelectField({ error }: { error?: string }) {
  const agents = useAgents();
  return (
    <SelectField
      label="Agent"
      name="agentId"
      placeholder="Choose…"
      options={(agents.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.clientId})` }))}
      error={error}
    />
  );
}
