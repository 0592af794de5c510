import { parseWith } from "@/lib/schemas/parse";
import { voteBarrier } from "@/lib/approvals/eligibility";
import { effectiveStatus, expiredWhere } from "@/lib/approvals/rules";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZApprovalListQuery, type TApprovalListQuery } from "@/lib/schemas/approval";
import { approvalContexts } from "./approval-context";

const include = {
  agent: { select: { clientId: true, name: true, ownerId: true, registeredById: true } },
  server: { select: { slug: true, name: true, environment: true, dataClassification: true } },
  requester: { select: { email: true } },
  votes: { orderBy: { createdAt: "asc" }, include: { approver: { select: { email: true, name: true } } } },
} satisfies Prisma.ApprovalRequestInclude;

/**
 * The inbox (pending requests this person may vote on), the history (everything, filterable) or the
 * requests this person made. A pure read: expiry is applied to what is shown, escalation runs on a clock.
 */
export async function listApprovals(actor: Actor, raw: TApprovalListQuery = {}, now = new Date()) {
  assertCan(actor, "approvals.read");
  const q = parseWith(ZApprovalListQuery, raw, "approval query");
  const where: Prisma.ApprovalRequestWhereInput =
    q.view === "inbox"
      ? { status: "PENDING", expiresAt: { gt: now } }
      : q.view === "mine"
        ? { requesterUserId: actor.type === "USER" ? actor.id : "00000000-0000-0000-0000-000000000000", kind: q.kind }
        : {
            kind: q.kind,
            ...(q.status === "EXPIRED"
              ? expiredWhere(now)
              : q.status === "PENDING"
                ? { status: "PENDING", expiresAt: { gt: now } }
                : q.status === "APPROVED"
                  ? { status: "APPROVED", NOT: expiredWhere(now) }
                  : { status: q.status }),
          };
  const rows = await db().approvalRequest.findMany({
    where: q.id ? { AND: [where, { id: q.id }] } : where,
    include,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const contexts = await approvalContexts(rows);
  const breakers = await db().user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.breakGlassById ? [r.breakGlassById] : [])) } },
    select: { id: true, email: true },
  });
  const views = rows.map((r) => {
    const barrier =
      actor.type === "USER"
        ? voteBarrier(actor, {
            requesterUserId: r.requesterUserId,
            onBehalfOf: r.onBehalfOf,
            userSource: r.userSource,
            agentOwnerId: r.agent?.ownerId ?? null,
            agentRegistrantId: r.agent?.registeredById ?? null,
          })
        : "machines do not vote";
    const voted = actor.type === "USER" && r.votes.some((v) => v.approverId === actor.id);
    return {
      ...r,
      status: effectiveStatus(r, now),
      approvals: r.votes.filter((v) => v.decision === "APPROVE").length,
      canVote: !barrier && !voted && effectiveStatus(r, now) === "PENDING",
      voteBarrier: voted ? "You have voted" : barrier,
      context: contexts.get(r.id)!,
      breakGlassBy: breakers.find((u) => u.id === r.breakGlassById)?.email ?? null,
    };
  });
  return q.view === "inbox" ? views.filter((v) => v.canVote) : views;
}

export type ApprovalView = Awaited<ReturnType<typeof listApprovals>>[number];
