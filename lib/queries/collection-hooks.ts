"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { useApiMutation } from "./use-api-mutation";

/**
 * The hooks of a console collection at `url` that is listed, created into and deleted from by id, and
 * nothing else (SIEM targets, webhooks): the list refreshes every `refetchInterval` ms, and each change
 * invalidates it. `V` is a listed row, `I` what a create sends, `C` what it answers.
 */
export function collectionHooks<V, I, C = V>(key: string, url: string, refetchInterval: number) {
  const keys = { all: [key] as const };
  return {
    keys,
    useList: () => useQuery({ queryKey: keys.all, queryFn: () => apiFetch<V[]>(url), refetchInterval }),
    useCreate: () =>
      useApiMutation(
        (input: I) => apiFetch<C>(url, { body: input }),
        () => [keys.all],
      ),
    useDelete: () =>
      useApiMutation(
        (id: string) => apiFetch(`${url}/${id}`, { method: "DELETE" }),
        () => [keys.all],
      ),
  };
}
