import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { GatewayRow } from "@/lib/services/gateways/list-gateways";

export const gatewayKeys = { all: ["gateways"] as const, list: () => [...gatewayKeys.all, "list"] as const };

/** Refreshed every 15 s: last-seen times move on their own. */
export const useGateways = () =>
  useQuery({
    queryKey: gatewayKeys.list(),
    queryFn: () => apiFetch<GatewayRow[]>("/api/console/gateways"),
    refetchInterval: 15_000,
  });
