import { assertCan, type Actor } from "@/lib/authz/actor";
import { readDb } from "@/lib/db/replica";

/** Where an audit export would read now (the export screen's note): the read replica and its lag, or the primary. */
export async function getExportReadSource(actor: Actor) {
  assertCan(actor, "reports.read");
  return (await readDb()).readSource;
}
