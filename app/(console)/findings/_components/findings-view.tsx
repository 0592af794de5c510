"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FilterInput, FilterSelect } from "@/components/ui/filters";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { Timestamp } from "@/components/ui/timestamp";
import { useUrlFilters } from "@/lib/forms/use-url-filters";
import { useFindings, useSetFindingStatus } from "@/lib/queries/findings";
import type { TFindingListQuery } from "@/lib/schemas/finding";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { FindingView } from "@/lib/services/findings/list-findings";

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"].map((s) => ({ value: s, label: s.toLowerCase() }));
const STATUSES = [
  { value: "all", label: "All statuses" },
  { value: "OPEN", label: "Open" },
  { value: "ACKNOWLEDGED", label: "Acknowledged" },
  { value: "RESOLVED", label: "Resolved" },
];

/**
 * Where a finding's evidence lives: the exact events behind it when known, else the explorer's view of it. The
 * explorer links only for those who may read the audit log; everyone else has the finding's own detail.
 */
function evidenceLink(f: Jsonified<FindingView>, canReadAudit: boolean): string | null {
  const evidence = (f.evidence ?? {}) as { eventId?: string; eventIds?: (string | undefined)[] };
  const ids = [evidence.eventId, ...(evidence.eventIds ?? [])].filter((x): x is string => Boolean(x));
  const [agent, server] = f.entityKey.split(":");
  if (f.type === "rotation_overdue") return `/servers/${agent}?tab=Credentials`;
  if (f.type === "poisoned_tool_description") return `/servers/${agent}?tab=Tools`;
  if (!canReadAudit) return null;
  if (ids.length) return `/audit?eventId=${encodeURIComponent(ids.join(","))}`;
  if (f.type === "shadow_server") return `/audit?server=${encodeURIComponent(f.entityKey)}`;
  if (f.type === "unknown_agent" || f.type === "off_hours") return `/audit?agent=${encodeURIComponent(agent)}`;
  if (f.type === "bulk_read" || f.type === "new_tool")
    return `/audit?agent=${encodeURIComponent(agent)}&server=${encodeURIComponent(server ?? "")}`;
  if (f.type === "exfiltration_chain") return `/audit?q=${encodeURIComponent(f.entityKey)}`;
  return null;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** An evidence value as read: times in the one format, text as it is, anything else as JSON. */
const shown = (v: unknown) =>
  typeof v === "string" && ISO_TIME.test(v) ? <Timestamp value={v} /> : typeof v === "string" ? v : JSON.stringify(v);

/** The finding's own detail, open in place: what it is about, when it was seen, and the evidence it carries. */
function FindingDetail({ f, link }: { f: Jsonified<FindingView>; link: string | null }) {
  const evidence = f.evidence && typeof f.evidence === "object" ? Object.entries(f.evidence) : [];
  return (
    <details>
      <summary className="text-brand-700 cursor-pointer hover:underline">{f.title}</summary>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs text-slate-600">
        <dt className="font-medium">About</dt>
        <dd className="font-mono break-all">{f.entityKey}</dd>
        <dt className="font-medium">First seen</dt>
        <dd>
          <Timestamp value={f.firstSeenAt} />
        </dd>
        {evidence.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium">{k}</dt>
            <dd className="font-mono break-all whitespace-pre-wrap">{shown(v)}</dd>
          </div>
        ))}
      </dl>
      {link && (
        <Link href={link} className="text-brand-700 mt-2 inline-block text-xs hover:underline">
          {link.startsWith("/audit") ? "Open the events in the audit explorer" : "Open where it is fixed"}
        </Link>
      )}
    </details>
  );
}

export function FindingsView({ canManage, canReadAudit }: { canManage: boolean; canReadAudit: boolean }) {
  const { params, set: setFilter } = useUrlFilters();
  // Open findings by default; "all" shows every status.
  const status = params.get("status") ?? "OPEN";
  const query = {
    status: status === "all" ? undefined : status,
    severity: params.get("severity") ?? undefined,
    type: params.get("type") ?? undefined,
    entity: params.get("entity") ?? undefined,
  } as TFindingListQuery;
  const findings = useFindings(query);
  const set = useSetFindingStatus();
  const rows = findings.data ?? [];
  return (
    <Card
      title="Findings"
      actions={
        <form className="flex flex-wrap gap-2" aria-label="Finding filters" onSubmit={(e) => e.preventDefault()}>
          <FilterSelect
            label="Status"
            value={status}
            onChange={(v) => setFilter("status", v)}
            options={STATUSES}
            compact
          />
          <FilterSelect
            label="Severity"
            value={params.get("severity") ?? ""}
            onChange={(v) => setFilter("severity", v)}
            all="Any severity"
            options={SEVERITIES}
            compact
          />
          <FilterInput
            label="Type"
            defaultValue={params.get("type") ?? ""}
            onCommit={(v) => setFilter("type", v)}
            className="w-32"
            compact
          />
          <FilterInput
            label="Entity"
            placeholder="Agent, server, session…"
            defaultValue={params.get("entity") ?? ""}
            onCommit={(v) => setFilter("entity", v)}
            className="w-44"
            compact
          />
        </form>
      }
    >
      {findings.data && rows.length === 0 && <EmptyState title="No findings match these filters" />}
      {rows.length > 0 && (
        <DataTable
          label="Findings"
          columns={["Severity", "Finding", "Type", "Seen", "Last seen", "Status", ACTIONS_COLUMN]}
          rows={rows}
          rowKey={(f) => f.id}
          rowProps={(f) => ({ "data-testid": `finding-${f.type}` })}
        >
          {(f) => {
            const link = evidenceLink(f, canReadAudit);
            return (
              <>
                <Td>
                  <RiskBadge risk={f.severity} />
                </Td>
                <Td>
                  <FindingDetail f={f} link={link} />
                </Td>
                <Td className="font-mono text-xs">{f.type}</Td>
                <Td>{f.count}×</Td>
                <Td>
                  <Timestamp value={f.lastSeenAt} />
                </Td>
                <Td>
                  <StatusBadge status={f.status} />
                </Td>
                <Td className="text-right whitespace-nowrap">
                  {canManage && f.status === "OPEN" && (
                    <Button size="sm" variant="ghost" onClick={() => set.mutate({ id: f.id, status: "ACKNOWLEDGED" })}>
                      Acknowledge
                    </Button>
                  )}
                  {canManage && f.status !== "RESOLVED" && (
                    <Button size="sm" variant="ghost" onClick={() => set.mutate({ id: f.id, status: "RESOLVED" })}>
                      Resolve
                    </Button>
                  )}
                </Td>
              </>
            );
          }}
        </DataTable>
      )}
    </Card>
  );
}
