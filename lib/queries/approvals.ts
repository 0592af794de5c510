"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TAccessRequestInput, TApprovalListQuery, TVoteInput } from "@/lib/schemas/approval";
import type { ApprovalView } from "@/lib/services/approvals/list-approvals";
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
    queryFn: () =>
      apiFetch<ApprovalView[]>(
        `/api/console/approvals?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][])}`,
      ),
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

export const useRequestAccess = () =>
  useApiMutation(
    (input: TAccessRequestInput) => apiFetch<{ id: string }>("/api/console/access-requests", { body: input }),
    () => [approvalKeys.all],
  );

type Notifications = {
  items: {
    id: string;
    title: string;
    body: string;
    link: string | null;
    readAt: string | null;
    createdAt: string;
    needsAction: boolean;
  }[];
  unread: number;
};

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
