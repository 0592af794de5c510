"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { ReadSource } from "@/lib/db/replica";
import type { TAuditListQuery } from "@/lib/schemas/audit";
import type { AuditEventView } from "@/lib/services/audit/list-audit-events";
import type { verifyAudit } from "@/lib/services/audit/verify-audit";

export type VerifyReport = Awaited<ReturnType<typeof verifyAudit>>;
type Page = {
  total: number | null;
  events: AuditEventView[];
  nextCursor: string | null;
  readSource: ReadSource | null;
};

const qs = (q: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const auditKeys = {
  all: ["audit"] as const,
  list: (filter: TAuditListQuery) => [...auditKeys.all, "list", filter] as const,
  explorer: (filter: TAuditListQuery) => [...auditKeys.all, "explorer", filter] as const,
};

export const useAuditEvents = (filter: TAuditListQuery) =>
  useQuery({ queryKey: auditKeys.list(filter), queryFn: () => apiFetch<Page>(`/api/console/audit?${qs(filter)}`) });

/** The explorer pages with a keyset cursor: "Load more" appends the next page. */
export const useAuditExplorer = (filter: TAuditListQuery) =>
  useInfiniteQuery({
    queryKey: auditKeys.explorer(filter),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      apiFetch<Page>(`/api/console/audit?${qs({ ...filter, cursor: pageParam || undefined })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A new filter keeps the rows on screen, marked as refreshing, until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => apiFetch<VerifyReport>("/api/console/audit/verify") });
