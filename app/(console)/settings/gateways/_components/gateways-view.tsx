"use client";

import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/data-table";
import { Timestamp } from "@/components/ui/timestamp";
import { useGateways } from "@/lib/queries/gateways";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { GatewayRow } from "@/lib/services/gateways/list-gateways";

/** "r42-p0" from the quoted ETag: the registry version a bundle was built from. */
const version = (etag: string | null) => etag?.replaceAll('"', "") ?? "none yet";

function since(g: Jsonified<GatewayRow>) {
  const minutes = Math.round((Date.now() - new Date(g.lastSeenAt).getTime()) / 60_000);
  if (g.connected) return <Badge tone="success">Connected</Badge>;
  return <Badge tone="warning">{minutes < 60 ? `Not seen for ${minutes} min` : "Not seen for over an hour"}</Badge>;
}

/** Every Warden gateway that polls the policy bundle: what it fronts, which bundle it holds, when it was last seen. */
export function GatewaysView() {
  const gateways = useGateways();
  const rows = gateways.data ?? [];
  return (
    <Card title="Gateways">
      {gateways.data && rows.length === 0 && (
        <EmptyState title="No gateway has connected yet">
          A Warden gateway appears here once it polls the policy bundle. Try it on the demo:{" "}
          <code className="font-mono">npm run gateway:demo</code>.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <DataTable
          label="Gateways"
          columns={["Gateway", "Upstreams", "Agents sign in with", "Bundle", "Last seen", "Status"]}
          rows={rows}
          rowKey={(g) => g.gatewayId}
          rowProps={(g) => ({ "data-testid": `gateway-row-${g.gatewayId}` })}
        >
          {(g) => (
            <>
              <Td className="font-medium">
                <span className="font-mono">{g.gatewayId}</span>
                <p className="text-xs font-normal text-slate-500">
                  token {g.token.name} ({g.token.prefix}…), first seen <Timestamp value={g.firstSeenAt} />
                </p>
              </Td>
              <Td className="font-mono text-xs">{g.upstreams.join(", ") || "—"}</Td>
              <Td className="text-xs" data-testid="gateway-auth">
                {g.authMode === "oauth" ? (
                  <>
                    <Badge>OAuth</Badge> <span className="font-mono">{g.oauthIssuer}</span>
                    <p className="text-slate-500">and static agent credentials</p>
                  </>
                ) : g.authMode === "static" ? (
                  "Static agent credentials"
                ) : (
                  "—"
                )}
              </Td>
              <Td>
                <span className="font-mono text-xs">{version(g.bundleEtag)}</span>{" "}
                {g.current ? (
                  <Badge tone="success">current</Badge>
                ) : (
                  <>
                    <Badge tone="warning">behind</Badge>
                    <p className="text-xs text-slate-500">Warden is at {version(g.currentEtag)}</p>
                  </>
                )}
              </Td>
              <Td>
                <Timestamp value={g.lastSeenAt} />
              </Td>
              <Td>{since(g)}</Td>
            </>
          )}
        </DataTable>
      )}
    </Card>
  );
}
