"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateTokenInput } from "@/lib/schemas/token";
import type { TokenView } from "@/lib/services/tokens/token-view";

export const tokenKeys = { all: ["tokens"] as const, list: () => [...tokenKeys.all, "list"] as const };

export const useTokens = () =>
  useQuery({ queryKey: tokenKeys.list(), queryFn: () => apiFetch<TokenView[]>("/api/console/tokens") });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateTokenInput) =>
      apiFetch<TokenView & { token: string }>("/api/console/tokens", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TokenView>(`/api/console/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}
