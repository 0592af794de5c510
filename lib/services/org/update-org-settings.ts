import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ORG_SETTINGS_SELECT } from "./get-org-settings";
import { ZOrgSettingsInput, type TOrgSettingsInput } from "@/lib/schemas/org";

/** Business hours (for the off-hours finding) and the escalation group, audited with before and after. */
export async function updateOrgSettings(actor: Actor, raw: TOrgSettingsInput) {
  assertCan(actor, "org.settings.manage");
  const input = parseWith(ZOrgSettingsInput, raw, "organisation settings");
  return db().$transaction(async (tx) => {
    if (input.fallbackApproverTeamId && !(await tx.team.findUnique({ where: { id: input.fallbackApproverTeamId } }))) {
      throw new AppError("UNPROCESSABLE", "Unknown team", { fallbackApproverTeamId: "Unknown team" });
    }
    const before = await tx.orgSettings.findUnique({ where: { id: 1 }, select: ORG_SETTINGS_SELECT });
    const after = await tx.orgSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...input },
      update: input,
      select: ORG_SETTINGS_SELECT,
    });
    await recordAdminAudit(tx, actor, "org.settings_updated", { target: { type: "Org", id: "1" }, before, after });
    return after;
  });
}
