"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState, type FormEvent } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import {
  useAgentCredentials,
  useIssueAgentCredential,
  useRevokeAgentCredential,
} from "@/lib/queries/agent-credentials";
import { ShownOnce } from "@/components/layout/shown-once";

/** The secrets this agent presents to Warden gateways: issued here once, revoked here at once. */
export function AgentCredentials({ agentId, canManage }: { agentId: string; canManage: boolean }) {
  const credentials = useAgentCredentials(agentId);
  const issue = useIssueAgentCredential(agentId);
  const revoke = useRevokeAgentCredential(agentId);
  const [shown, setShown] = useState<string | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    issue.mutate({ name: name || "gateway" }, { onSuccess: (c) => setShown(c.secret) });
  };

  return (
    <Card title="Gateway credentials">
      <p className="mb-3 text-sm text-slate-600">
        The agent sends a credential to the Warden gateway as <code>Authorization: Bearer …</code>. A revoked credential
        stops working on every gateway within a second.
      </p>
      {shown && <ShownOnce what="credential" value={shown} testId="new-credential" onDismiss={() => setShown(null)} />}
      {canManage && (
        <form onSubmit={submit} className="mb-4 flex items-end gap-2">
          <Field label="Name" name="name" placeholder="e.g. laptop gateway" />
          <Button type="submit" size="sm" disabled={issue.isPending}>
            Issue credential
          </Button>
        </form>
      )}
      {credentials.data && (
        <DataTable
          label="Agent credentials"
          columns={["Name", "Prefix", "Issued", "State", ACTIONS_COLUMN]}
          rows={credentials.data}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ "data-testid": `credential-row-${c.name}` })}
          empty={<EmptyState title="No credentials yet" />}
        >
          {(c) => (
            <>
              <Td className="font-medium">{c.name}</Td>
              <Td className="font-mono text-xs">{c.prefix}…</Td>
              <Td>
                <Timestamp value={c.createdAt} />
              </Td>
              <Td>{c.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}</Td>
              <Td>
                {canManage && !c.revokedAt && (
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={revoke.isPending}
                    onClick={() => window.confirm(`Revoke ${c.name}?`) && revoke.mutate(c.id)}
                  >
                    Revoke
                  </Button>
                )}
              </Td>
            </>
          )}
        </DataTable>
      )}
    </Card>
  );
}
