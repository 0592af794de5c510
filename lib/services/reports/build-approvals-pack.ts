import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { csvRows } from "@/lib/evidence/csv";
import { summaryPdf } from "@/lib/evidence/pdf-summary";
import { zipPack } from "@/lib/evidence/zip-pack";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZPeriodQuery } from "@/lib/schemas/report";
import { periodEnd } from "@/lib/schemas/utc-day";
import { describeFilters } from "@/lib/evidence/describe-filters";
import { recordExport } from "./internal/record-export";
import { packMeta, packSigner } from "./internal/pack-meta";

const REQUEST_COLUMNS = [
  "id",
  "kind",
  "createdAt",
  "requester",
  "onBehalfOf",
  "agent",
  "server",
  "tool",
  "argsHash",
  "risk",
  "policyVersion",
  "reason",
  "requiredApprovals",
  "approveVotes",
  "denyVotes",
  "outcome",
  "decidedAt",
  "secondsToDecision",
  "escalatedAt",
  "expiresAt",
  "consumedAt",
] as const;
const VOTE_COLUMNS = ["requestId", "approver", "decision", "comment", "votedAt"] as const;
const BREAK_GLASS_COLUMNS = ["sequence", "occurredAt", "actor", "action", "targetType", "targetId", "detail"] as const;

/** Emergency powers used outside the approval flow: the org pause and suspensions of agents, servers, tools, grants. */
const breakGlassWhere = (from?: Date, to?: Date): Prisma.AuditEventWhereInput => ({
  occurredAt: from || to ? { gte: from, lt: to } : undefined,
  OR: [
    { action: { in: ["org.paused", "org.resumed"] } },
    { action: { endsWith: ".suspended" } },
    { action: { endsWith: ".reinstated" } },
  ],
});

/** Every approval request created in the period, with its votes and the break-glass actions, as a signed pack. */
export async function buildApprovalsPack(actor: Actor, raw: { from?: unknown; to?: unknown; until?: unknown }) {
  assertCan(actor, "reports.read");
  const signer = packSigner();
  const period = parseWith(ZPeriodQuery, raw, "period");
  const { from } = period;
  const to = periodEnd(period.to, period.until);
  const filters = describeFilters({ from, to });
  await recordExport(actor, "approvals", { filters });
  const requests = await db().approvalRequest.findMany({
    where: { createdAt: from || to ? { gte: from, lt: to } : undefined },
    include: {
      server: { select: { slug: true } },
      agent: { select: { clientId: true } },
      votes: { orderBy: { createdAt: "asc" }, include: { approver: { select: { email: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const breakGlass = await db().auditEvent.findMany({ where: breakGlassWhere(from, to), orderBy: { sequence: "asc" } });
  const count = (votes: { decision: string }[], d: string) => votes.filter((v) => v.decision === d).length;
  const requestRows = requests.map((r) => [
    r.id,
    r.kind,
    r.createdAt,
    r.requesterLabel,
    r.onBehalfOf,
    r.agent?.clientId,
    r.server?.slug,
    r.toolName,
    r.argsHash,
    r.risk,
    r.policyVersion,
    r.reason,
    r.requiredApprovals,
    count(r.votes, "APPROVE"),
    count(r.votes, "DENY"),
    r.status,
    r.decidedAt,
    r.decidedAt ? Math.round((r.decidedAt.getTime() - r.createdAt.getTime()) / 1000) : null,
    r.escalatedAt,
    r.expiresAt,
    r.consumedAt,
  ]);
  const voteRows = requests.flatMap((r) =>
    r.votes.map((v) => [r.id, v.approver.email, v.decision, v.comment, v.createdAt]),
  );
  const glassRows = breakGlass.map((e) => [
    e.sequence,
    e.occurredAt,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.after === null ? null : JSON.stringify(e.after),
  ]);
  const meta = await packMeta(actor, "approvals", filters);
  const pdf = await summaryPdf(approvalsSummary(requests, breakGlass.length, filters), new Date(meta.generatedAt));
  return zipPack(
    [
      { name: "approvals.csv", content: csvRows(requestRows, REQUEST_COLUMNS) },
      { name: "votes.csv", content: csvRows(voteRows, VOTE_COLUMNS) },
      { name: "break-glass.csv", content: csvRows(glassRows, BREAK_GLASS_COLUMNS) },
      { name: "summary.pdf", content: pdf },
    ],
    meta,
    signer,
  );
}

type Req = { status: string; createdAt: Date; decidedAt: Date | null; server: { slug: string } | null };

function approvalsSummary(requests: Req[], breakGlass: number, filters: Record<string, string>) {
  const byServer = new Map<string, Map<string, number>>();
  for (const r of requests) {
    const key = r.server?.slug ?? "(no server)";
    const m = byServer.get(key) ?? new Map<string, number>();
    m.set(r.status, (m.get(r.status) ?? 0) + 1);
    byServer.set(key, m);
  }
  const waits = requests
    .filter((r) => r.decidedAt)
    .map((r) => (r.decidedAt!.getTime() - r.createdAt.getTime()) / 1000)
    .sort((a, b) => a - b);
  const median = waits.length ? Math.round(waits[Math.floor(waits.length / 2)]) : null;
  const status = (s: string) => requests.filter((r) => r.status === s).length;
  return {
    title: "Approvals report",
    subtitle: `Period: ${filters.from ?? "the beginning"} to ${filters.to ?? "now"} (UTC)`,
    facts: [
      ["Requests", requests.length],
      ["Approved (incl. used)", status("APPROVED") + status("CONSUMED")],
      ["Denied", status("DENIED")],
      ["Expired", status("EXPIRED")],
      ["Pending", status("PENDING")],
      ["Median time to decision", median === null ? "n/a" : `${median} s`],
      ["Break-glass actions", breakGlass],
    ] as [string, number | string][],
    charts: [
      {
        title: "Outcomes per server",
        series: [...byServer.entries()].map(([label, m]) => ({
          label,
          segments: [...m.entries()].map(([name, value]) => ({ name, value })),
        })),
      },
    ],
  };
}
