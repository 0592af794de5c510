import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { SearchHit } from "@/lib/schemas/search";

export const searchKeys = { query: (q: string) => ["search", q] as const };

/** The command palette's results for a text; nothing is asked until there is one. */
export const useConsoleSearch = (q: string) =>
  useQuery({
    queryKey: searchKeys.query(q),
    queryFn: () => apiFetch<{ hits: SearchHit[] }>(`/api/console/search?${new URLSearchParams({ q })}`),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
