"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FilterInput, FilterSelect } from "@/components/ui/filters";
import { DataTable, Td } from "@/components/ui/data-table";
import { useUrlFilters } from "@/lib/forms/use-url-filters";
import { ReadSourceNote } from "@/components/layout/read-source-note";
import { useAuditExplorer } from "@/lib/queries/audit";
import type { TAuditListQuery } from "@/lib/schemas/audit";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { AuditEventView } from "@/lib/services/audit/list-audit-events";
import { Timestamp } from "@/components/ui/timestamp";
import { actionLabel } from "@/lib/audit/catalog";
import { CATEGORY_OPTIONS, OUTCOME_OPTIONS, USER_SOURCE_OPTIONS } from "@/lib/audit/explorer-filters";
import { OutcomeBadge } from "@/components/layout/status-badges";
import { EventDrawer } from "./event-drawer";
import { LinkedFilters } from "./linked-filters";
import { VerifyPanel } from "./verify-panel";
import { LoadingState } from "@/components/layout/loading-state";

const TEXT_FILTERS = [
  ["server", "Server"],
  ["tool", "Tool"],
  ["agent", "Agent"],
  ["onBehalfOf", "On behalf of"],
  ["q", "Search"],
] as const;
const RANGES = [
  ["all", "Any time"],
  ["24h", "Last 24 h"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
] as const;
const RANGE_OPTIONS = RANGES.map(([value, label]) => ({ value, label }));
const HOURS: Record<string, number> = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 };

const thisMinute = () => Math.floor(Date.now() / 60_000) * 60_000;

/** Filters live in the URL: copy it to share exactly this view of the evidence. */
export function AuditView({ canExport }: { canExport: boolean }) {
  const { params, set: setParam } = useUrlFilters();
  const [open, setOpen] = useState<Jsonified<AuditEventView> | null>(null);
  // "Last 24 h" is counted from when the filters were last set, not from each render: a window that
  // slid with the clock would change the query and throw away the pages already loaded.
  const [anchor, setAnchor] = useState(thisMinute);
  const set = (key: string, value: string) => {
    if ((params.get(key) ?? "") === value) return;
    setAnchor(thisMinute());
    setParam(key, value);
  };
  // The explorer opens on the last 7 days, unless the URL already names a period or the exact events.
  const range = params.get("range") ?? (["from", "to", "until", "eventId"].some((k) => params.has(k)) ? "all" : "7d");
  const filter: TAuditListQuery = {
    ...Object.fromEntries([...params.entries()].filter(([k]) => k !== "range")),
    ...(range && HOURS[range] ? { from: new Date(anchor - HOURS[range] * 3_600_000).toISOString() } : {}),
  };
  const explorer = useAuditExplorer(filter);
  // The export takes the explorer's own query string, so the file holds exactly the rows on screen (and the rest).
  const exportQuery = (format: string) =>
    new URLSearchParams({ ...(filter as Record<string, string>), format }).toString();
  const rows = explorer.data?.pages.flatMap((p) => p.events) ?? [];
  const total = explorer.data?.pages[0]?.total;
  return (
    <div className="space-y-6">
      <Card title="Integrity">
        <VerifyPanel />
      </Card>
      <Card
        title="Explorer"
        actions={
          canExport && (
            <div className="flex gap-2 text-sm">
              <a
                className="text-brand-700 hover:underline"
                href={`/api/console/audit/export?${exportQuery("csv")}`}
                download
              >
                Export CSV
              </a>
              <a
                className="text-brand-700 hover:underline"
                href={`/api/console/audit/export?${exportQuery("ndjson")}`}
                download
              >
                Export NDJSON
              </a>
            </div>
          )
        }
      >
        <form className="mb-4 flex flex-wrap gap-2" onSubmit={(e) => e.preventDefault()} aria-label="Audit filters">
          <FilterSelect label="Time range" value={range} onChange={(v) => set("range", v)} options={RANGE_OPTIONS} />
          <FilterSelect
            label="Category"
            value={params.get("category") ?? ""}
            onChange={(v) => set("category", v)}
            all="All categories"
            options={CATEGORY_OPTIONS}
          />
          <FilterSelect
            label="Outcome"
            value={params.get("outcome") ?? ""}
            onChange={(v) => set("outcome", v)}
            all="Any outcome"
            options={OUTCOME_OPTIONS}
          />
          <FilterSelect
            label="User known by"
            value={params.get("userSource") ?? ""}
            onChange={(v) => set("userSource", v)}
            all="User known by: any"
            options={USER_SOURCE_OPTIONS}
          />
          {TEXT_FILTERS.map(([key, label]) => (
            <FilterInput
              key={key}
              label={label}
              defaultValue={params.get(key) ?? ""}
              onCommit={(v) => set(key, v)}
              className="w-36"
            />
          ))}
        </form>
        <LinkedFilters params={params} onClear={(key) => set(key, "")} />
        <p className="mb-2 text-sm text-slate-600" data-testid="match-count" aria-live="polite">
          {total === null || total === undefined
            ? "Counting…"
            : `${total.toLocaleString("en")} matching record${total === 1 ? "" : "s"}`}
          {explorer.isPlaceholderData && <span className="ml-2 text-slate-400">· refreshing</span>}
        </p>
        <div className="mb-2">
          <ReadSourceNote source={explorer.data?.pages[0]?.readSource} />
        </div>
        <div className={explorer.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}>
          <DataTable
            label="Audit events"
            columns={["#", "When", "Category", "Who", "What", "Server / tool", "Target", "Outcome"]}
            rows={rows}
            rowKey={(e) => e.sequence}
            rowProps={(e) => ({
              className: "cursor-pointer hover:bg-slate-50",
              onClick: () => setOpen(e),
              "data-testid": "audit-row",
            })}
          >
            {(e) => (
              <>
                <Td className="font-mono text-xs">{e.sequence}</Td>
                <Td>
                  <Timestamp value={e.occurredAt} />
                </Td>
                <Td>
                  <Badge>{e.category}</Badge>
                </Td>
                <Td>
                  {e.actorLabel}
                  {e.onBehalfOf ? (
                    <span className="text-slate-500">
                      {" "}
                      for {e.onBehalfOf}
                      {e.userSource ? ` (${e.userSource})` : ""}
                    </span>
                  ) : null}
                </Td>
                <Td>
                  <button className="text-left text-brand-700 hover:underline" onClick={() => setOpen(e)}>
                    {actionLabel(e.action)}
                  </button>
                  <span className="block font-mono text-xs text-slate-500">{e.action}</span>
                </Td>
                <Td className="font-mono text-xs">{e.server ? `${e.server}${e.tool ? ` / ${e.tool}` : ""}` : "—"}</Td>
                <Td className="text-xs">{e.targetLabel ?? "—"}</Td>
                <Td>
                  <OutcomeBadge outcome={e.outcome} />
                </Td>
              </>
            )}
          </DataTable>
        </div>
        {explorer.isPending && <LoadingState />}
        {!explorer.isPending && rows.length === 0 && (
          <p className="mt-3 text-sm text-slate-500">No events match these filters.</p>
        )}
        {explorer.hasNextPage && (
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => explorer.fetchNextPage()}
            disabled={explorer.isFetchingNextPage}
          >
            Load more
          </Button>
        )}
      </Card>
      <EventDrawer event={open} onClose={() => setOpen(null)} />
    </div>
  );
}
