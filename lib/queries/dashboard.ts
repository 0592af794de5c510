import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TDashboardQuery } from "@/lib/schemas/dashboard";
import type { Dashboard } from "@/lib/services/dashboard/get-dashboard";

export const dashboardKeys = { range: (range: string) => ["dashboard", range] as const };

export const useDashboard = (range: NonNullable<TDashboardQuery["range"]>) =>
  useQuery({
    queryKey: dashboardKeys.range(range),
    queryFn: () => apiFetch<Dashboard>(`/api/console/dashboard?range=${range}`),
    refetchInterval: 30_000,
  });
