import { withRoute } from "@/lib/api/with-route";
import { downloadHeaders } from "@/lib/evidence/byte-stream";
import { downloadGeneratedReport } from "@/lib/services/reports/download-generated-report";

/** A report from the history, exactly as it was generated and signed. */
export const GET = withRoute({ permission: "reports.read" }, async ({ actor, params }) => {
  const report = await downloadGeneratedReport(actor, params.id);
  const name = report.name.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(Buffer.from(report.content), {
    headers: { ...downloadHeaders(`${name}.zip`, "application/zip"), "x-content-sha256": report.sha256 },
  });
});
