import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export const ORG_SETTINGS_SELECT = {
  businessTimezone: true,
  businessStartHour: true,
  businessEndHour: true,
  fallbackApproverTeamId: true,
  auditRetentionDays: true,
  auditRetentionByClass: true,
} as const;

export async function getOrgSettings(actor: Actor) {
  assertCan(actor, "settings.read");
  return (
    (await db().orgSettings.findUnique({ where: { id: 1 }, select: ORG_SETTINGS_SELECT })) ?? {
      businessTimezone: "UTC",
      businessStartHour: 8,
      businessEndHour: 19,
      fallbackApproverTeamId: null,
      auditRetentionDays: 365,
      auditRetentionByClass: {},
    }
  );
}
