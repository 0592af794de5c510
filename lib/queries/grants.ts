"use client";

import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateGrantInput, TGrantResourcesInput } from "@/lib/schemas/grant";
import { agentKeys } from "./agents";
import { serverKeys } from "./servers";
import { useApiMutation } from "./use-api-mutation";

const touched = (slug: string) => [serverKeys.detail(slug), serverKeys.lists(), agentKeys.all];

export const useCreateGrant = (slug: string) =>
  useApiMutation(
    (input: TCreateGrantInput) => apiFetch<{ warnings: string[] }>("/api/console/grants", { body: input }),
    () => touched(slug),
  );

export const useGrantAction = (slug: string) =>
  useApiMutation(
    ({ id, action, body }: { id: string; action: "revoke" | "suspension"; body: unknown }) =>
      apiFetch(`/api/console/grants/${id}/${action}`, { body }),
    () => touched(slug),
  );

export const useUpdateGrantResources = (slug: string) =>
  useApiMutation(
    ({ id, input }: { id: string; input: TGrantResourcesInput }) =>
      apiFetch<{ warnings: string[] }>(`/api/console/grants/${id}/resources`, { method: "PUT", body: input }),
    () => touched(slug),
  );
