"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { useApiMutation } from "./use-api-mutation";
import type { TCreateUserInput, TUpdateUserInput } from "@/lib/schemas/user";
import type { UserView } from "@/lib/services/users/user-view";

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const useUsers = () =>
  useQuery({ queryKey: userKeys.list(), queryFn: () => apiFetch<UserView[]>("/api/console/users") });

export const useCreateUser = () =>
  useApiMutation(
    (input: TCreateUserInput) => apiFetch<UserView>("/api/console/users", { body: input }),
    () => [userKeys.list()],
  );

export const useUpdateUser = () =>
  useApiMutation(
    ({ id, ...input }: TUpdateUserInput & { id: string }) =>
      apiFetch<UserView>(`/api/console/users/${id}`, { method: "PATCH", body: input }),
    () => [userKeys.list()],
  );
