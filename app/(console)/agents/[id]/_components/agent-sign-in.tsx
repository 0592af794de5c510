"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { useSetAgentIdentity } from "@/lib/queries/agents";

type Props = { agent: { id: string; oauthClientId: string | null; assertsUsers: boolean }; canManage: boolean };

/**
 * How the agent proves who it is, and whom it acts for, at a Warden gateway: the OAuth client id its users'
 * access tokens carry (the user is then verified by the token), and whether its static credentials may
 * name a user in x-warden-on-behalf-of (asserted: recorded as such, and never barring an approver).
 */
export function AgentSignIn({ agent, canManage }: Props) {
  const save = useSetAgentIdentity(agent.id);
  const [clientId, setClientId] = useState(agent.oauthClientId ?? "");
  const [asserts, setAsserts] = useState(agent.assertsUsers);
  const changed = clientId.trim() !== (agent.oauthClientId ?? "") || asserts !== agent.assertsUsers;
  return (
    <Card title="Gateway sign-in">
      <dl className="mb-4 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2" data-testid="agent-sign-in">
        <dt className="text-slate-500">OAuth client id</dt>
        <dd className="font-mono">{agent.oauthClientId ?? "— (users cannot sign in through OAuth as this agent)"}</dd>
        <dt className="text-slate-500">May assert users</dt>
        <dd>
          {agent.assertsUsers ? (
            <Badge tone="warning">yes: its credentials may name the user (recorded as asserted)</Badge>
          ) : (
            "no: x-warden-on-behalf-of from its credentials is refused"
          )}
        </dd>
      </dl>
      {canManage && (
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ oauthClientId: clientId.trim(), assertsUsers: asserts });
          }}
        >
          <Field
            label="OAuth client id"
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            hint="The client_id (or azp) in access tokens your IdP issues to this app"
            error={save.error?.message}
            className="w-80"
          />
          <Checkbox
            label="May assert users"
            hint="Static credentials may send x-warden-on-behalf-of (headless service agents)"
            checked={asserts}
            onChange={(e) => setAsserts(e.target.checked)}
          />
          <Button type="submit" size="sm" disabled={!changed || save.isPending}>
            Save
          </Button>
        </form>
      )}
    </Card>
  );
}
