"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { useApiMutation } from "./use-api-mutation";
import type { TCreateTokenInput } from "@/lib/schemas/token";
import type { TokenView } from "@/lib/services/tokens/token-view";

export const tokenKeys = { all: ["tokens"] as const, list: () => [...tokenKeys.all, "list"] as const };

export const useTokens = () =>
  useQuery({ queryKey: tokenKeys.list(), queryFn: () => apiFetch<TokenView[]>("/api/console/tokens") });

export const useCreateToken = () =>
  useApiMutation(
    (input: TCreateTokenInput) => apiFetch<TokenView & { token: string }>("/api/console/tokens", { body: input }),
    () => [tokenKeys.list()],
  );

export const useRevokeToken = () =>
  useApiMutation(
    (id: string) => apiFetch<TokenView>(`/api/console/tokens/${id}`, { method: "DELETE" }),
    () => [tokenKeys.list()],
  );
