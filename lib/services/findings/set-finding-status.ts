import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { lower } from "@/lib/audit/catalog";
import { lockChain } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZFindingStatusInput, type TFindingStatusInput } from "@/lib/schemas/finding";

export async function setFindingStatus(actor: Actor, id: string, raw: TFindingStatusInput) {
  assertCan(actor, "findings.manage");
  const input = parseWith(ZFindingStatusInput, raw, "finding status");
  return db().$transaction(async (tx) => {
    // The chain lock before the findings row, the order ingest takes them in: never a deadlock.
    await lockChain(tx);
    const before = await tx.finding.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "Finding not found");
    const finding = await tx.finding.update({ where: { id }, data: { status: input.status } });
    await recordAdminAudit(tx, actor, `finding.${lower(input.status)}`, {
      target: { type: "Finding", id },
      before: { status: before.status },
      after: { status: finding.status },
      attributes: { note: input.note, type: before.type, entity: before.entityKey },
    });
    return finding;
  });
}
