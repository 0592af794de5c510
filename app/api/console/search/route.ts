import { withRoute } from "@/lib/api/with-route";
import { ZSearchQuery } from "@/lib/schemas/search";
import { searchConsole } from "@/lib/services/search/search-console";

export const GET = withRoute({ permission: "dashboard.read", query: ZSearchQuery }, ({ actor, query }) =>
  searchConsole(actor, query),
);
