"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/queries/api-client";
import type { TAccessRequestInput, TApprovalListQuery, TBreakGlassInput, TVoteInput } from "@/lib/schemas/approval";
import type { ApprovalView } from "@/lib/services/approvals/list-approvals";
import type { listNotifications } from "@/lib/services/notifications/list-notifications";
import type { Jsonified } from "./jsonified";
import { useApiMutation } from "./use-api-mutation";

export const approvalKeys = {
  all: ["approvals"] as const,
  list: (q: TApprovalListQuery) => [...approvalKeys.all, "list", q] as const,
  notifications: ["notifications"] as const,
};

/** The inbox refreshes itself: approvers live on this page. */
export const useApprovals = (q: TApprovalListQuery) =>
  useQuery({
    queryKey: approvalKeys.list(q),
    queryFn: () => apiFetch<ApprovalView[]>(`/api/console/approvals?${queryString(q)}`),
    refetchInterval: 5000,
  });

export const useVote = () =>
  useApiMutation(
    ({ id, ...body }: TVoteInput & { id: string }) =>
      apiFetch<{ status: string; approvals: number; requiredApprovals: number }>(
        `/api/console/approvals/${id}/decision`,
        { body },
      ),
    () => [approvalKeys.all, approvalKeys.notifications],
  );

/** An ADMIN applies a pending registry request without its votes: the server and approvals both change. */
export const useBreakGlass = () =>
  useApiMutation(
    ({ id, ...body }: TBreakGlassInput & { id: string }) =>
      apiFetch<{ id: string; status: string; kind: string }>(`/api/console/approvals/${id}/break-glass`, { body }),
    () => [approvalKeys.all, approvalKeys.notifications, ["servers"]],
  );

export const useRequestAccess = () =>
  useApiMutation(
    (input: TAccessRequestInput) => apiFetch<{ id: string }>("/api/console/access-requests", { body: input }),
    () => [approvalKeys.all],
  );

type Notifications = Jsonified<Awaited<ReturnType<typeof listNotifications>>>;

export const useNotifications = () =>
  useQuery({
    queryKey: approvalKeys.notifications,
    queryFn: () => apiFetch<Notifications>("/api/console/notifications"),
    refetchInterval: 10_000,
  });

export const useMarkNotificationsRead = () =>
  useApiMutation(
    () => apiFetch("/api/console/notifications", { body: {} }),
    () => [approvalKeys.notifications],
  );
