"use client";

import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateGrantInput } from "@/lib/schemas/grant";
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
