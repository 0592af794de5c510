"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateUserInput, TUpdateUserInput } from "@/lib/schemas/user";
import type { UserView } from "@/lib/services/users/user-view";

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const useUsers = () =>
  useQuery({ queryKey: userKeys.list(), queryFn: () => apiFetch<UserView[]>("/api/console/users") });

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateUserInput) => apiFetch<UserView>("/api/console/users", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.list() }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: TUpdateUserInput & { id: string }) =>
      apiFetch<UserView>(`/api/console/users/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.list() }),
  });
}
