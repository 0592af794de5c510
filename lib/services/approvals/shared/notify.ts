import type { Tx } from "@/lib/db/tx";

/**
 * In-app notifications for a new request: every active APPROVER except those barred from voting on it
 * (or, with `teamId`, only that team's approvers, for escalation).
 */
export async function notifyApprovers(
  tx: Tx,
  request: { id: string; kind: string; toolName: string | null; requesterLabel: string },
  options: { excludeUserIds?: (string | null | undefined)[]; teamId?: string | null; title?: string } = {},
) {
  const exclude = options.excludeUserIds?.filter((x): x is string => Boolean(x)) ?? [];
  const approvers = await tx.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u
    WHERE NOT u.disabled AND 'APPROVER' = ANY(u.roles)
      AND (${options.teamId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."userId" = u.id AND m."teamId" = ${options.teamId ?? null}::uuid))`;
  const what =
    request.kind === "TOOL_CALL" ? `tool call ${request.toolName}` : request.kind.toLowerCase().replaceAll("_", " ");
  const rows = approvers
    .filter((a) => !exclude.includes(a.id))
    .map((a) => ({
      userId: a.id,
      title: options.title ?? `Approval needed: ${what}`,
      body: `Requested by ${request.requesterLabel}`,
      link: `/approvals?request=${request.id}`,
      approvalRequestId: request.id,
    }));
  if (rows.length) await tx.notification.createMany({ data: rows });
}

export async function notifyUser(tx: Tx, userId: string | null, title: string, link: string) {
  if (userId) await tx.notification.create({ data: { userId, title, link } });
}
