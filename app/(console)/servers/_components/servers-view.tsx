"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { EnvBadge, RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Card } from "@/components/ui/card";
import { filterControl, FilterSelect } from "@/components/ui/filters";
import { DataTable, Td } from "@/components/ui/data-table";
import { useUrlFilters } from "@/lib/forms/use-url-filters";
import { useServers } from "@/lib/queries/servers";
import { useTeams } from "@/lib/queries/teams";
import type { TServerListQuery } from "@/lib/schemas/server";
import { Environment, RiskLevel, ServerStatus } from "@/lib/generated/prisma/enums";

const FILTERS = [
  { key: "environment", label: "Environment", options: Object.values(Environment) },
  { key: "status", label: "Status", options: Object.values(ServerStatus) },
  { key: "risk", label: "Highest risk", options: Object.values(RiskLevel) },
] as const;

const SORTS = [
  { value: "name", label: "Sort: name" },
  { value: "updatedAt", label: "Sort: recently changed" },
  { value: "environment", label: "Sort: environment" },
  { value: "status", label: "Sort: status" },
];

/** Filters live in the URL, so a filtered list can be shared and survives a reload. */
export function ServersView() {
  const { params, set } = useUrlFilters();
  const teams = useTeams();
  const q = Object.fromEntries(params.entries()) as TServerListQuery;
  const servers = useServers(q);
  return (
    <Card>
      <div className="mb-4 flex flex-wrap gap-2">
        <input
          aria-label="Search servers"
          placeholder="Search name, slug or description"
          defaultValue={q.q ?? ""}
          onChange={(e) => set("q", e.target.value)}
          className={`${filterControl()} min-w-64 flex-1`}
        />
        {FILTERS.map((f) => (
          <FilterSelect
            key={f.key}
            label={f.label}
            value={(q as Record<string, string>)[f.key] ?? ""}
            onChange={(v) => set(f.key, v)}
            all={`${f.label}: all`}
            options={f.options.map((o) => ({ value: o, label: o.replaceAll("_", " ") }))}
          />
        ))}
        <FilterSelect
          label="Owner team"
          value={q.ownerTeamId ?? ""}
          onChange={(v) => set("ownerTeamId", v)}
          all="Owner: all"
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        />
        <FilterSelect label="Sort" value={q.sort ?? "name"} onChange={(v) => set("sort", v)} options={SORTS} />
      </div>
      {servers.data && (
        <DataTable
          label="Servers"
          columns={["Server", "Env", "Status", "Owner", "Tools", "Highest risk", "Grants"]}
          rows={servers.data}
          rowKey={(s) => s.id}
          rowProps={(s) => ({ "data-testid": `server-row-${s.slug}` })}
          empty={<EmptyState title="No servers match">Change the filters, or register a server.</EmptyState>}
        >
          {(s) => (
            <>
              <Td>
                <Link href={`/servers/${s.slug}`} className="font-medium text-brand-700 hover:underline">
                  {s.name}
                </Link>
                <p className="text-xs text-slate-500">{s.slug}</p>
              </Td>
              <Td>
                <EnvBadge env={s.environment} />
              </Td>
              <Td>
                <StatusBadge status={s.status} />
              </Td>
              <Td className="text-slate-600">{s.ownerTeam?.name ?? "—"}</Td>
              <Td>
                {s.toolCount}
                {s.pendingReview > 0 && (
                  <span className="ml-1 text-xs text-amber-700">({s.pendingReview} to review)</span>
                )}
              </Td>
              <Td>
                <RiskBadge risk={s.maxRisk} />
              </Td>
              <Td>{s.activeGrants}</Td>
            </>
          )}
        </DataTable>
      )}
    </Card>
  );
}
