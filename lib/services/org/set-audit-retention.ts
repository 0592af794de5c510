import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZAuditRetentionInput, type TAuditRetentionInput } from "@/lib/schemas/audit-retention";
import { parseWith } from "@/lib/schemas/parse";
import { MIN_RETENTION_DAYS } from "@/lib/services/audit/audit-retention-days";
import { recordAdminAudit } from "@/lib/services/audited-write";

const SELECT = { auditRetentionDays: true, auditRetentionByClass: true } as const;

/**
 * The organisation's audit retention in days, and overrides per data classification (a month of the log leaves
 * only past the longest that applies to any of its records). Below the minimum is refused (422). Audited with
 * before and after.
 */
export async function setAuditRetention(actor: Actor, raw: TAuditRetentionInput) {
  assertCan(actor, "org.settings.manage");
  const input = parseWith(ZAuditRetentionInput, raw, "audit retention");
  const byClass = Object.fromEntries(
    Object.entries(input.auditRetentionByClass).filter((e): e is [string, number] => typeof e[1] === "number"),
  );
  const fields: Record<string, string> = {};
  if (input.auditRetentionDays < MIN_RETENTION_DAYS) fields.auditRetentionDays = `At least ${MIN_RETENTION_DAYS} days`;
  for (const [c, d] of Object.entries(byClass))
    if (d < MIN_RETENTION_DAYS) fields[`auditRetentionByClass.${c}`] = `At least ${MIN_RETENTION_DAYS} days`;
  if (Object.keys(fields).length)
    throw new AppError("UNPROCESSABLE", `Audit retention is at least ${MIN_RETENTION_DAYS} days`, fields);
  const data = { auditRetentionDays: input.auditRetentionDays, auditRetentionByClass: byClass };
  return db().$transaction(async (tx) => {
    const before = await tx.orgSettings.findUnique({ where: { id: 1 }, select: SELECT });
    const after = await tx.orgSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...data },
      update: data,
      select: SELECT,
    });
    await recordAdminAudit(tx, actor, "org.settings_updated", { target: { type: "Org", id: "1" }, before, after });
    return after;
  });
}
