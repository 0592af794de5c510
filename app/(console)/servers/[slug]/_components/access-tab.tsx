"use client";

import { Timestamp } from "@/components/ui/timestamp";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { StatusBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { useGrantAction } from "@/lib/queries/grants";
import { describeArgumentRule, ZArgumentRules } from "@/lib/schemas/argument-rule";
import { isWildcard } from "@/lib/schemas/grant";
import { GrantForm } from "./grant-form";
import { GrantResourcesEdit } from "./grant-resources-edit";
import type { TabProps } from "./types";

const list = (xs: string[]) => (xs.length ? xs.join(", ") : "—");
const argumentRulesOf = (stored: unknown) => ZArgumentRules.safeParse(stored).data ?? [];

/** Who can do what on this server: every grant, with the kill switch and revocation beside it. */
export function AccessTab({ server }: TabProps) {
  const action = useGrantAction(server.slug);
  const ask = (id: string, verb: "revoke" | "suspend" | "reinstate") => {
    const reason = window.prompt(`Reason to ${verb} this grant`);
    if (!reason) return;
    action.mutate(
      verb === "revoke"
        ? { id, action: "revoke", body: { reason } }
        : { id, action: "suspension", body: { suspended: verb === "suspend", reason } },
    );
  };
  return (
    <div className="space-y-6">
      <Card title="Grants">
        <DataTable
          label="Grants"
          columns={[
            "Agent",
            "Tools",
            "Operations",
            "Resources and prompts",
            "Objects, denied fields, argument rules",
            "Max records",
            "Expires",
            "Status",
            ACTIONS_COLUMN,
          ]}
          rows={server.grants}
          rowKey={(g) => g.id}
          rowProps={(g) => ({ "data-testid": `grant-row-${g.agent.clientId}` })}
          empty={<EmptyState title="No agent has access to this server" />}
        >
          {(g) => (
            <>
              <Td>
                <Link href={`/agents/${g.agent.id}`} className="font-medium text-brand-700 hover:underline">
                  {g.agent.name}
                </Link>
                <p className="text-xs text-slate-500">{g.source}</p>
              </Td>
              <Td className="font-mono text-xs">
                {list(g.allowedTools)}
                {isWildcard(g.allowedTools) && (
                  <div>
                    <Badge tone="warning">wildcard</Badge>
                  </div>
                )}
              </Td>
              <Td>{list(g.allowedOperations)}</Td>
              <Td className="font-mono text-xs" data-testid="grant-scope">
                <p>{list(g.allowedResources)}</p>
                <p className="text-slate-600">prompts: {list(g.allowedPrompts)}</p>
                {(isWildcard(g.allowedResources) || isWildcard(g.allowedPrompts)) && (
                  <Badge tone="warning">wildcard</Badge>
                )}
              </Td>
              <Td className="text-xs">
                {list(g.allowedObjects)}
                <p className="text-red-700">{g.deniedFields.length ? `deny: ${g.deniedFields.join(", ")}` : ""}</p>
                {argumentRulesOf(g.argumentRules).map((rule, i) => (
                  <p key={i} className="font-mono text-slate-600" data-testid="argument-rule">
                    {rule.kind}: {describeArgumentRule(rule)}
                  </p>
                ))}
              </Td>
              <Td>{g.maxRecords ?? "—"}</Td>
              <Td>
                {g.expiresAt ? (
                  <Timestamp value={g.expiresAt} precision="day" />
                ) : (
                  <span className="text-amber-700">never</span>
                )}
              </Td>
              <Td>
                <StatusBadge status={g.status} />
              </Td>
              <Td className="text-right whitespace-nowrap">
                {server.canEdit && g.status !== "REVOKED" && <GrantResourcesEdit slug={server.slug} grant={g} />}
                {server.canEdit && g.status === "ACTIVE" && (
                  <Button size="sm" variant="ghost" onClick={() => ask(g.id, "suspend")}>
                    Suspend
                  </Button>
                )}
                {server.canEdit && g.status === "SUSPENDED" && (
                  <Button size="sm" variant="ghost" onClick={() => ask(g.id, "reinstate")}>
                    Reinstate
                  </Button>
                )}
                {server.canEdit && g.status !== "REVOKED" && (
                  <Button size="sm" variant="danger" onClick={() => ask(g.id, "revoke")}>
                    Revoke
                  </Button>
                )}
              </Td>
            </>
          )}
        </DataTable>
      </Card>
      {server.canEdit && (
        <Card title="Grant access to an agent">
          <GrantForm server={server} />
        </Card>
      )}
    </div>
  );
}
