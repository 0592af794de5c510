import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { auditActor, type Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ZCreateCampaignInput } from "@/lib/schemas/review";
import { lockPeriodScope, scopeKey } from "./campaign-lock";

/** Inside a transaction: for the console and for the schedule. A period has one live campaign per scope. */
export async function insertCampaign(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof ZCreateCampaignInput.parse>,
  options: { scheduled?: boolean } = {},
) {
  const key = scopeKey(input.scope);
  if (input.scope.teamIds.length) {
    const found = await tx.team.count({ where: { id: { in: input.scope.teamIds } } });
    if (found !== new Set(input.scope.teamIds).size)
      throw new AppError("UNPROCESSABLE", "Unknown team in the scope", { "scope.teamIds": "Unknown team" });
  }
  await lockPeriodScope(tx, input.period, key);
  const existing = await tx.reviewCampaign.findFirst({
    where: { period: input.period, scopeKey: key, status: { not: "CANCELLED" } },
    select: { id: true, status: true },
  });
  if (existing)
    throw new AppError(
      "CONFLICT",
      `A campaign for ${input.period} with this scope already exists (${existing.status})`,
    );
  const campaign = await tx.reviewCampaign.create({
    data: {
      name: input.name ?? `Access review ${input.period}`,
      period: input.period,
      scope: input.scope as Prisma.InputJsonValue,
      scopeKey: key,
      dueAt: input.dueAt,
      defaultAction: input.defaultAction,
      scheduled: options.scheduled ?? false,
      createdById: actor.type === "USER" ? actor.id : null,
      createdByLabel: auditActor(actor).label,
    },
  });
  await recordAdminAudit(tx, actor, "review.campaign_created", {
    target: { type: "ReviewCampaign", id: campaign.id },
    after: { period: input.period, scope: input.scope, dueAt: input.dueAt, defaultAction: input.defaultAction },
    attributes: { scheduled: options.scheduled || undefined },
  });
  return campaign;
}
