import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TAgentIdentityInput, TAgentLimitsInput, TCreateAgentInput } from "@/lib/schemas/agent";
import type { TSuspendInput } from "@/lib/schemas/tool";
import type { AgentDetail } from "@/lib/services/agents/get-agent";
import type { AgentRow } from "@/lib/services/agents/list-agents";
import { useApiMutation } from "./use-api-mutation";

export const agentKeys = {
  all: ["agents"] as const,
  list: () => [...agentKeys.all, "list"] as const,
  detail: (id: string) => [...agentKeys.all, "detail", id] as const,
};

export const useAgents = () =>
  useQuery({ queryKey: agentKeys.list(), queryFn: () => apiFetch<AgentRow[]>("/api/console/agents") });

export const useAgent = (id: string) =>
  useQuery({ queryKey: agentKeys.detail(id), queryFn: () => apiFetch<AgentDetail>(`/api/console/agents/${id}`) });

export const useCreateAgent = () =>
  useApiMutation(
    (input: TCreateAgentInput) => apiFetch<{ id: string }>("/api/console/agents", { body: input }),
    () => [agentKeys.list()],
  );

export const useSuspendAgent = (id: string) =>
  useApiMutation(
    (input: TSuspendInput) => apiFetch(`/api/console/agents/${id}/suspension`, { body: input }),
    () => [agentKeys.list(), agentKeys.detail(id)],
  );

export const useSetAgentIdentity = (id: string) =>
  useApiMutation(
    (input: TAgentIdentityInput) => apiFetch(`/api/console/agents/${id}`, { method: "PATCH", body: input }),
    () => [agentKeys.list(), agentKeys.detail(id)],
  );

export const useSetAgentLimits = (id: string) =>
  useApiMutation(
    (input: TAgentLimitsInput) => apiFetch(`/api/console/agents/${id}/limits`, { method: "PUT", body: input }),
    () => [agentKeys.list(), agentKeys.detail(id)],
  );
