import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TDashboardQuery } from "@/lib/schemas/dashboard";
import type { Dashboard } from "@/lib/services/dashboard/get-dashboard";

const searchOf = (q: TDashboardQuery) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])),
  ).toString();

export const dashboardKeys = { window: (q: TDashboardQuery) => ["dashboard", searchOf(q)] as const };

export const useDashboard = (q: TDashboardQuery) =>
  useQuery({
    queryKey: dashboardKeys.window(q),
    queryFn: () => apiFetch<Dashboard>(`/api/console/dashboard?${searchOf(q)}`),
    refetchInterval: 30_000,
    placeholderData: (previous) => previous,
    // The dashboard says what is wrong with its window (a custom range that ends before it starts) beside
    // the time picker, so the user can fix it there, rather than on the segment's error page.
    throwOnError: false,
  });
