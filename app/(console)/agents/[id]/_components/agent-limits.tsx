"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useSetAgentLimits } from "@/lib/queries/agents";

type Props = {
  agent: { id: string; userRateLimitPerMinute: number | null; dailyCallBudget: number | null; callsToday: number };
  canManage: boolean;
};

const shown = (n: number | null) => (n === null ? "" : String(n));

/**
 * The agent's own limits, held by every gateway and console together: calls a minute per user it acts for,
 * and calls a calendar day (UTC). Over either, a call is refused (user_rate_limited, daily_budget_exhausted).
 */
export function AgentLimits({ agent, canManage }: Props) {
  const save = useSetAgentLimits(agent.id);
  const [perUser, setPerUser] = useState(shown(agent.userRateLimitPerMinute));
  const [budget, setBudget] = useState(shown(agent.dailyCallBudget));
  const changed =
    perUser.trim() !== shown(agent.userRateLimitPerMinute) || budget.trim() !== shown(agent.dailyCallBudget);
  const used = agent.dailyCallBudget
    ? `${agent.callsToday.toLocaleString("en")} of ${agent.dailyCallBudget.toLocaleString("en")}`
    : agent.callsToday.toLocaleString("en");
  return (
    <Card title="Limits and budget">
      <dl className="mb-4 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2" data-testid="agent-limits">
        <dt className="text-slate-500">Calls a minute per user</dt>
        <dd>{agent.userRateLimitPerMinute?.toLocaleString("en") ?? "no limit"}</dd>
        <dt className="text-slate-500">Daily call budget (UTC day)</dt>
        <dd>{agent.dailyCallBudget?.toLocaleString("en") ?? "no budget"}</dd>
        <dt className="text-slate-500">Calls recorded today (not refused)</dt>
        <dd data-testid="calls-today">{used}</dd>
      </dl>
      {canManage && (
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ userRateLimitPerMinute: perUser.trim(), dailyCallBudget: budget.trim() });
          }}
        >
          <Field
            label="Calls a minute per user"
            name="userRateLimitPerMinute"
            inputMode="numeric"
            value={perUser}
            onChange={(e) => setPerUser(e.target.value)}
            hint="Each user it acts for; calls with no user share one count. Blank: no limit"
            className="w-72"
          />
          <Field
            label="Daily call budget"
            name="dailyCallBudget"
            inputMode="numeric"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            hint="Calls a day, reset at 00:00 UTC. Blank: no budget"
            className="w-72"
          />
          <Button type="submit" size="sm" disabled={!changed || save.isPending}>
            Save limits
          </Button>
        </form>
      )}
    </Card>
  );
}
