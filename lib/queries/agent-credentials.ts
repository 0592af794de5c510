"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { AgentCredentialView, TIssueAgentCredentialInput } from "@/lib/schemas/agent-credential";
import { agentKeys } from "./agents";
import { useApiMutation } from "./use-api-mutation";

export const agentCredentialKeys = {
  list: (agentId: string) => [...agentKeys.detail(agentId), "credentials"] as const,
};

export const useAgentCredentials = (agentId: string) =>
  useQuery({
    queryKey: agentCredentialKeys.list(agentId),
    queryFn: () => apiFetch<AgentCredentialView[]>(`/api/console/agents/${agentId}/credentials`),
  });

export const useIssueAgentCredential = (agentId: string) =>
  useApiMutation(
    (input: TIssueAgentCredentialInput) =>
      apiFetch<AgentCredentialView & { secret: string }>(`/api/console/agents/${agentId}/credentials`, { body: input }),
    () => [agentCredentialKeys.list(agentId)],
  );

export const useRevokeAgentCredential = (agentId: string) =>
  useApiMutation(
    (credentialId: string) =>
      apiFetch(`/api/console/agents/${agentId}/credentials/${credentialId}`, { method: "DELETE" }),
    () => [agentCredentialKeys.list(agentId)],
  );
