import { db } from "@/lib/db/client";
import { describeReason } from "@/lib/policy/describe-reason";
import type { ApprovalContext } from "./approval-context-types";
import { approvableKind, isRegistryKind, type RegistryKind } from "./shared/approvable-kinds";

type Row = {
  id: string;
  kind: string;
  reason: string;
  serverId: string | null;
  toolName: string | null;
  requesterUserId: string | null;
  requesterLabel: string;
};

/**
 * Builds each request's context in a few queries for the whole page, never one per card: who asked here,
 * and what the change is from the domain that owns each kind of registry request.
 */
export async function approvalContexts(rows: Row[]): Promise<Map<string, ApprovalContext>> {
  const userIds = [...new Set(rows.map((r) => r.requesterUserId).filter((id): id is string => !!id))];
  const users = await db().user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true, email: true, memberships: { select: { team: { select: { name: true } } } } },
  });
  const byUser = new Map(users.map((u) => [u.id, u]));

  const byKind = new Map<RegistryKind, Row[]>();
  for (const r of rows) if (isRegistryKind(r.kind)) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const described = new Map<string, Partial<ApprovalContext>>();
  for (const [kind, ofKind] of byKind) {
    const contexts = await approvableKind(kind).context?.(ofKind);
    for (const [id, context] of contexts ?? []) described.set(id, context);
  }

  return new Map(
    rows.map((r) => {
      const user = r.requesterUserId ? byUser.get(r.requesterUserId) : undefined;
      const context: ApprovalContext = {
        reason: describeReason(r.reason),
        requestedBy: {
          label: user?.email ?? r.requesterLabel,
          name: user?.name ?? null,
          teams: user?.memberships.map((m) => m.team.name) ?? [],
        },
        ...described.get(r.id),
      };
      return [r.id, context];
    }),
  );
}
