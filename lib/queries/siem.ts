"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateSiemTargetInput } from "@/lib/schemas/siem";
import type { SiemTargetView } from "@/lib/services/siem/siem-target-view";
import { useApiMutation } from "./use-api-mutation";

export const siemKeys = { all: ["siem-targets"] as const };

export const useSiemTargets = () =>
  useQuery({
    queryKey: siemKeys.all,
    queryFn: () => apiFetch<SiemTargetView[]>("/api/console/siem"),
    refetchInterval: 5000,
  });

export const useCreateSiemTarget = () =>
  useApiMutation(
    (input: TCreateSiemTargetInput) => apiFetch<SiemTargetView>("/api/console/siem", { body: input }),
    () => [siemKeys.all],
  );

export const useDeleteSiemTarget = () =>
  useApiMutation(
    (id: string) => apiFetch(`/api/console/siem/${id}`, { method: "DELETE" }),
    () => [siemKeys.all],
  );
