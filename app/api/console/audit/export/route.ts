import { readSourceHeaders } from "@/lib/api/read-source-header";
import { withRoute } from "@/lib/api/with-route";
import { byteStream, downloadHeaders } from "@/lib/evidence/byte-stream";
import { ZAuditExportQuery } from "@/lib/schemas/report";
import { exportAuditEvents } from "@/lib/services/reports/export-audit-events";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };

/**
 * The explorer's rows for the same query string, streamed as CSV or NDJSON while they are read; from the read
 * replica when fresh (X-Warden-Read-Source says so).
 */
export const GET = withRoute({ permission: "audit.export", query: ZAuditExportQuery }, async ({ actor, query }) => {
  const out = await exportAuditEvents(actor, query);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(byteStream(out.chunks), {
    headers: {
      ...downloadHeaders(`warden-audit-${stamp}.${out.format}`, TYPES[out.format]),
      "x-warden-chain-head": out.chainHead?.sequence ?? "0",
      ...readSourceHeaders(out.readSource),
    },
  });
});
