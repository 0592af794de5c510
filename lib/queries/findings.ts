"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TFindingStatusInput } from "@/lib/schemas/finding";
import type { FindingView } from "@/lib/services/findings/list-findings";
import { useApiMutation } from "./use-api-mutation";

export const findingKeys = { all: ["findings"] as const };

export const useFindings = () =>
  useQuery({
    queryKey: findingKeys.all,
    queryFn: () => apiFetch<FindingView[]>("/api/console/findings"),
    refetchInterval: 30_000,
  });

export const useSetFindingStatus = () =>
  useApiMutation(
    ({ id, ...body }: TFindingStatusInput & { id: string }) =>
      apiFetch(`/api/console/findings/${id}`, { method: "PATCH", body }),
    () => [findingKeys.all],
  );
