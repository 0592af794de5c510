import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { gatewayKeys } from "@/lib/queries/gateways";
import { Prefetched } from "@/lib/queries/prefetched";
import { listGateways } from "@/lib/services/gateways/list-gateways";
import { GatewaysView } from "./_components/gateways-view";

export const metadata: Metadata = { title: "Gateways" };

export default async function GatewaysPage() {
  const user = await requirePermission("gateways.read");
  return (
    <Prefetched queries={[{ queryKey: gatewayKeys.list(), load: () => listGateways(user) }]}>
      <GatewaysView />
    </Prefetched>
  );
}
