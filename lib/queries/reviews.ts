import { useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/queries/api-client";
import type {
  TBulkCertifyInput,
  TCancelCampaignInput,
  TCreateCampaignInput,
  TReassignInput,
  TReviewDecisionInput,
  TReviewItemsQuery,
  TReviewSettingsInput,
  TSignOffInput,
} from "@/lib/schemas/review";
import type { CampaignDetail } from "@/lib/services/reviews/get-campaign";
import type { CampaignSummary } from "@/lib/services/reviews/list-campaigns";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";
import type { CampaignView, ItemView } from "@/lib/services/reviews/review-views";
import type { ReviewSettingsView } from "@/lib/services/reviews/get-review-settings";
import { approvalKeys } from "./approvals";
import { useApiMutation } from "./use-api-mutation";

export const reviewKeys = {
  all: ["reviews"] as const,
  campaigns: () => [...reviewKeys.all, "campaigns"] as const,
  campaign: (id: string) => [...reviewKeys.all, "campaign", id] as const,
  items: (q: TReviewItemsQuery) => [...reviewKeys.all, "items", q] as const,
  settings: () => [...reviewKeys.all, "settings"] as const,
  dashboard: ["dashboard"] as const,
};

export const useCampaigns = () =>
  useQuery({
    queryKey: reviewKeys.campaigns(),
    queryFn: () => apiFetch<CampaignSummary[]>("/api/console/reviews/campaigns"),
  });

export const useCampaign = (id: string) =>
  useQuery({
    queryKey: reviewKeys.campaign(id),
    queryFn: () => apiFetch<CampaignDetail>(`/api/console/reviews/campaigns/${id}`),
  });

export const useReviewItems = (q: TReviewItemsQuery) =>
  useQuery({
    queryKey: reviewKeys.items(q),
    queryFn: () => apiFetch<ReviewItemRow[]>(`/api/console/reviews/items?${queryString(q)}`),
  });

export const useReviewSettings = () =>
  useQuery({
    queryKey: reviewKeys.settings(),
    queryFn: () => apiFetch<ReviewSettingsView>("/api/console/reviews/settings"),
  });

// Decisions change items, progress, the campaign list, the dashboard tile and the bell's count: refresh them all.
const everything = () => [reviewKeys.all, reviewKeys.dashboard, approvalKeys.notifications];

export const useCreateCampaign = () =>
  useApiMutation(
    (input: TCreateCampaignInput) => apiFetch<CampaignView>("/api/console/reviews/campaigns", { body: input }),
    () => [reviewKeys.campaigns()],
  );

export const useStartCampaign = () =>
  useApiMutation(
    (id: string) =>
      apiFetch<CampaignView & { warnings: string[] }>(`/api/console/reviews/campaigns/${id}/start`, { body: {} }),
    everything,
  );

export const useCancelCampaign = () =>
  useApiMutation(
    ({ id, ...body }: TCancelCampaignInput & { id: string }) =>
      apiFetch<CampaignView>(`/api/console/reviews/campaigns/${id}/cancel`, { body }),
    everything,
  );

export const useSignOff = () =>
  useApiMutation(
    ({ id, ...body }: TSignOffInput & { id: string }) =>
      apiFetch<CampaignView>(`/api/console/reviews/campaigns/${id}/sign-off`, { body }),
    everything,
  );

export const useDecide = () =>
  useApiMutation(
    ({ id, ...body }: TReviewDecisionInput & { id: string }) =>
      apiFetch<ItemView>(`/api/console/reviews/items/${id}/decision`, { body }),
    everything,
  );

export const useBulkCertify = () =>
  useApiMutation(
    (input: TBulkCertifyInput) =>
      apiFetch<{ certified: number; skipped: { id: string; reason: string }[] }>(
        "/api/console/reviews/items/bulk-certify",
        { body: input },
      ),
    everything,
  );

export const useReassign = () =>
  useApiMutation(
    (input: TReassignInput) =>
      apiFetch<{ reassigned: number; assignee: string }>("/api/console/reviews/items/reassign", { body: input }),
    everything,
  );

export const useUpdateReviewSettings = () =>
  useApiMutation(
    (input: TReviewSettingsInput) =>
      apiFetch<ReviewSettingsView>("/api/console/reviews/settings", { method: "PUT", body: input }),
    () => [reviewKeys.settings()],
  );
