"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/queries/api-client";
import type { TFindingListQuery, TFindingStatusInput } from "@/lib/schemas/finding";
import type { FindingView } from "@/lib/services/findings/list-findings";
import { useApiMutation } from "./use-api-mutation";

export const findingKeys = {
  all: ["findings"] as const,
  list: (q: TFindingListQuery) => [...findingKeys.all, "list", q] as const,
};

export const useFindings = (q: TFindingListQuery) =>
  useQuery({
    queryKey: findingKeys.list(q),
    queryFn: () => apiFetch<FindingView[]>(`/api/console/findings?${queryString(q)}`),
    refetchInterval: 30_000,
  });

export const useSetFindingStatus = () =>
  useApiMutation(
    ({ id, ...body }: TFindingStatusInput & { id: string }) =>
      apiFetch(`/api/console/findings/${id}`, { method: "PATCH", body }),
    () => [findingKeys.all],
  );
