"use client";

import type { ComponentProps, ReactNode } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import { useServerActivity } from "@/lib/queries/servers";
import { OutcomeBadge } from "@/components/layout/status-badges";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ServerActivity } from "@/lib/services/servers/get-server-activity";
import type { TabProps } from "./types";

type Row = Jsonified<ServerActivity>["changes"][number];

const reasonOf = (e: Row) =>
  e.attributes && typeof e.attributes === "object" && "reason" in e.attributes ? String(e.attributes.reason) : null;

/** One line of a server's history: when, then what happened. */
function EventLine({ at, children }: { at: ComponentProps<typeof Timestamp>["value"]; children: ReactNode }) {
  return (
    <li className="flex flex-wrap items-baseline gap-2 border-b border-slate-100 pb-2 text-sm">
      <span className="text-xs text-slate-500">
        <Timestamp value={at} />
      </span>
      {children}
    </li>
  );
}

/** Changes to the registry entry, and calls made to the server: two questions, two lists. */
export function ActivityTab({ server }: TabProps) {
  const activity = useServerActivity(server.slug);
  const data = activity.data;
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card title="Changes">
        {data?.changes.length === 0 && <EmptyState title="No changes recorded yet" />}
        <ol className="space-y-2" aria-label="Changes to this server">
          {data?.changes.map((e) => (
            <EventLine key={e.sequence} at={e.occurredAt}>
              <Badge>{e.action}</Badge>
              <span>{e.actorLabel}</span>
              {reasonOf(e) && <span className="text-slate-600">“{reasonOf(e)}”</span>}
            </EventLine>
          ))}
        </ol>
      </Card>
      <Card title="Calls">
        {data?.calls.length === 0 && <EmptyState title="No calls recorded yet" />}
        <ol className="space-y-2" aria-label="Calls to this server">
          {data?.calls.map((e) => (
            <EventLine key={e.sequence} at={e.occurredAt}>
              <span className="font-mono text-xs">{e.tool ?? e.action}</span>
              <OutcomeBadge outcome={e.outcome} />
              <span className="text-slate-600">
                {e.agent}
                {e.onBehalfOf ? ` for ${e.onBehalfOf}` : ""}
              </span>
            </EventLine>
          ))}
        </ol>
      </Card>
    </div>
  );
}
