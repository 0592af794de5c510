"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { useRevokeToken, useTokens } from "@/lib/queries/tokens";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { TokenView } from "@/lib/services/tokens/token-view";
import { TokenForm } from "./token-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ShownOnce } from "@/components/layout/shown-once";

function state(t: Jsonified<TokenView>) {
  if (t.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (new Date(t.expiresAt) <= new Date()) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export function TokensView() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  return (
    <Card
      title="API tokens"
      actions={
        <Button size="sm" onClick={() => setCreating(true)}>
          New token
        </Button>
      }
    >
      {shown && <ShownOnce what="token" value={shown} testId="new-token" onDismiss={() => setShown(null)} />}
      {tokens.data && (
        <DataTable
          label="API tokens"
          columns={["Name", "Prefix", "Scopes", "Expires", "Last used", "State", ACTIONS_COLUMN]}
          rows={tokens.data}
          rowKey={(t) => t.id}
          rowProps={(t) => ({ "data-testid": `token-row-${t.name}` })}
          empty={<EmptyState title="No API tokens">Gateways and scripts authenticate with a token.</EmptyState>}
        >
          {(t) => (
            <>
              <Td className="font-medium">
                {t.name}
                <p className="text-xs font-normal text-slate-500">by {t.createdBy?.email ?? "CLI"}</p>
              </Td>
              <Td className="font-mono text-xs">{t.prefix}…</Td>
              <Td>
                <div className="flex gap-1">
                  {t.scopes.map((s) => (
                    <Badge key={s}>{s}</Badge>
                  ))}
                </div>
              </Td>
              <Td>
                <Timestamp value={t.expiresAt} precision="day" />
              </Td>
              <Td>
                <Timestamp value={t.lastUsedAt} empty="Never" />
              </Td>
              <Td>{state(t)}</Td>
              <Td className="text-right">
                {!t.revokedAt && (
                  <ConfirmButton
                    size="sm"
                    title={`Revoke the token ${t.name}?`}
                    description="Every machine using it is refused from the next request. This cannot be undone."
                    disabled={revoke.isPending}
                    onConfirm={() => revoke.mutateAsync(t.id)}
                  >
                    Revoke
                  </ConfirmButton>
                )}
              </Td>
            </>
          )}
        </DataTable>
      )}
      <Dialog open={creating} onClose={() => setCreating(false)} title="New API token">
        <TokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setShown(token);
            setCreating(false);
          }}
        />
      </Dialog>
    </Card>
  );
}
