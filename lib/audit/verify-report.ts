import type { VerifyResult } from "./verify-chain";

type Report = VerifyResult & { durationMs?: number };

/** One line for a verification, the same in the CLI, the API's consumers and the console. */
export function verifySummary(r: Report): string {
  if (!r.ok) return `FAILED at sequence ${r.sequence}: ${r.problem}. ${r.detail}`;
  const took = r.durationMs === undefined ? "" : ` in ${r.durationMs} ms`;
  const head = r.head ? `, head #${r.head.sequence}` : "";
  const tail =
    r.checked === 0
      ? ""
      : r.lastCheckpoint === null
        ? `; none of the ${r.checked} records is covered by a checkpoint yet`
        : `; ${r.unprotected} record${r.unprotected === 1 ? "" : "s"} past the last checkpoint (#${r.lastCheckpoint})`;
  return `OK: ${r.checked} records and ${r.checkpoints} signed checkpoints verified${took}${head}; ${r.anchors} anchored checkpoints matched${tail}`;
}
