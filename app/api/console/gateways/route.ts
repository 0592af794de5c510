import { withRoute } from "@/lib/api/with-route";
import { listGateways } from "@/lib/services/gateways/list-gateways";

export const GET = withRoute({ permission: "gateways.read" }, ({ actor }) => listGateways(actor));
