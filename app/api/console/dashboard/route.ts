import { withRoute } from "@/lib/api/with-route";
import { ZDashboardQuery } from "@/lib/schemas/dashboard";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";

export const GET = withRoute({ permission: "dashboard.read", query: ZDashboardQuery }, ({ actor, query }) =>
  getDashboard(actor, query),
);
