import { assertCan, type Actor } from "@/lib/authz/actor";
import { summaryPdf } from "@/lib/evidence/pdf-summary";
import { zipPack } from "@/lib/evidence/zip-pack";
import type { TAuditExportQuery } from "@/lib/schemas/report";
import { exportAuditEvents, type ExportReads } from "./export-audit-events";
import { auditSummary } from "./internal/audit-summary";
import { packMeta, packSigner } from "./internal/pack-meta";

/** The explorer's rows for these filters as a signed evidence pack with a one-page PDF summary of the
 * same rows (audited like any export). */
export async function buildAuditPack(actor: Actor, query: TAuditExportQuery, reads?: ExportReads) {
  assertCan(actor, "reports.read");
  const signer = packSigner();
  const out = await exportAuditEvents(actor, query, "audit-log-pack", reads);
  const meta = await packMeta(actor, "audit-log", { ...out.filters, format: out.format }, out.chainHead, out.reader);
  const pdf = await summaryPdf(
    await auditSummary(out.parsed, out.filters, out.upTo, out.reader),
    new Date(meta.generatedAt),
  );
  return zipPack(
    [
      { name: `audit-events.${out.format}`, content: out.chunks },
      { name: "summary.pdf", content: pdf },
    ],
    meta,
    signer,
  );
}
