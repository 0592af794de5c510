import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordExport } from "./internal/record-export";

/** A stored report's ZIP, for an auditor; the download is audited like any export. */
export async function downloadGeneratedReport(actor: Actor, id: string) {
  assertCan(actor, "reports.read");
  const report = await db().generatedReport.findUnique({ where: { id } });
  if (!report || report.expiresAt <= new Date()) throw new AppError("NOT_FOUND", "No such report, or it has expired");
  await recordExport(actor, "report-history", { reportId: id, name: report.name, sha256: report.sha256 });
  return report;
}
