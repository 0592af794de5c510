import { z } from "zod";

export const DASHBOARD_RANGES = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 } as const;

export const ZDashboardQuery = z.object({ range: z.enum(["24h", "7d", "30d", "90d"]).default("7d") });
export type TDashboardQuery = z.input<typeof ZDashboardQuery>;
