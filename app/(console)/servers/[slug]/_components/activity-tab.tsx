"use client";

import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { useAuditEvents } from "@/lib/queries/audit";
import type { TabProps } from "./server-detail-view";

export function ActivityTab({ server }: TabProps) {
  const events = useAuditEvents({ targetId: server.id });
  if (events.error) return <EmptyState title="Activity is visible to admins and auditors" />;
  return (
    <Card title="Changes to this server">
      {events.data?.events.length === 0 && <EmptyState title="No activity yet" />}
      <ol className="space-y-2">
        {events.data?.events.map((e) => (
          <li key={e.sequence} className="flex flex-wrap items-baseline gap-2 border-b border-slate-100 pb-2 text-sm">
            <span className="font-mono text-xs text-slate-500">
              {new Date(e.occurredAt).toISOString().replace("T", " ").slice(0, 19)}
            </span>
            <Badge>{e.action}</Badge>
            <span>{e.actorLabel}</span>
            {e.attributes && typeof e.attributes === "object" && "reason" in e.attributes && (
              <span className="text-slate-600">“{String(e.attributes.reason)}”</span>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
