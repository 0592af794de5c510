import { withRoute } from "@/lib/api/with-route";
import { downloadHeaders } from "@/lib/evidence/byte-stream";
import { webStream } from "@/lib/evidence/zip-pack";
import { AppError } from "@/lib/errors";
import { PACK_KINDS, ZPackQuery, type PackKind } from "@/lib/schemas/report";
import { buildReportPack } from "@/lib/services/reports/build-report-pack";

/** A signed evidence pack (ZIP) for a report, streamed as it is built. */
export const GET = withRoute({ permission: "reports.read", query: ZPackQuery }, async ({ actor, query, params }) => {
  const kind = params.kind as PackKind;
  if (!PACK_KINDS.includes(kind)) throw new AppError("NOT_FOUND", `No report called ${params.kind}`);
  const stream = await buildReportPack(actor, kind, query);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(webStream(stream), {
    headers: downloadHeaders(`warden-${kind}-evidence-${stamp}.zip`, "application/zip"),
  });
});
