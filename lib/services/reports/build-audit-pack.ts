import { assertCan, type Actor } from "@/lib/authz/actor";
import { zipPack } from "@/lib/evidence/zip-pack";
import type { TAuditExportQuery } from "@/lib/schemas/report";
import { exportAuditEvents } from "./export-audit-events";
import { packMeta, packSigner } from "./internal/pack-meta";

/** The explorer's rows for these filters as a signed evidence pack (audited like any export). */
export async function buildAuditPack(actor: Actor, query: TAuditExportQuery) {
  assertCan(actor, "reports.read");
  const signer = packSigner();
  const out = await exportAuditEvents(actor, query, "audit-log-pack");
  const meta = await packMeta(actor, "audit-log", { ...out.filters, format: out.format }, out.chainHead);
  return zipPack([{ name: `audit-events.${out.format}`, content: out.chunks }], meta, signer);
}
