import type { VerifyResult } from "./verify-chain";

type Report = VerifyResult & { durationMs?: number; archive?: { months: number; rows: number } };

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** One line for a verification, the same in the CLI, the API's consumers and the console. */
export function verifySummary(r: Report): string {
  if (!r.ok && r.problem === "archive") return `FAILED in the archive: ${r.detail}`;
  if (!r.ok) return `FAILED at sequence ${r.sequence}: ${r.problem}. ${r.detail}`;
  const took = r.durationMs === undefined ? "" : ` in ${r.durationMs} ms`;
  const head = r.head ? `, head #${r.head.sequence}` : "";
  const tail =
    r.checked === 0
      ? ""
      : r.lastCheckpoint === null
        ? `; none of the ${r.checked} records is covered by a checkpoint yet`
        : `; ${count(r.unprotected, "record")} past the last checkpoint (#${r.lastCheckpoint})`;
  const from =
    r.startedAfter === null ? "" : ` after the trusted checkpoint at #${r.startedAfter} (--full checks from the first)`;
  const archived = r.archive
    ? `${count(r.archive.rows, "archived record")} in ${count(r.archive.months, "sealed month")}, then `
    : "";
  const sealed = r.sealedThrough
    ? ` continuing from the seal of ${r.sealedThrough.month} (#${r.sealedThrough.sequence})`
    : "";
  return `OK: ${archived}${count(r.checked, "record")}${r.startedAfter === null ? sealed : ""}${from} and ${count(r.checkpoints, "signed checkpoint")} verified${took}${head}; ${count(r.anchors, "anchored checkpoint")} matched${tail}`;
}
