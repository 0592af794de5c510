import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH } from "./chain";
import { NO_SEAL_HASH, sealHashOf, sealMessage, type SealBody } from "./seal";
import { checkSignature, describeTrusted, type TrustedKeys } from "./trusted-keys";
import type { ArchivedSeal } from "./verify-archive";

export type StoredSeal = SealBody & { sealHash: string; dropped: boolean };
export type SealProblem = { sequence: bigint; problem: "forged" | "deleted" | "replaced"; detail: string };

/**
 * The database's seals, oldest first, each signed by a trusted key and chained to the one before (its first record
 * continuing the previous seal's last, its previous-seal hash that seal's hash). With the archive's seals, each
 * side must hold exactly the other's: a seal missing from either, or differing, is named.
 */
export async function loadSeals(
  prisma: PrismaClient,
  trusted: TrustedKeys,
  archived?: ArchivedSeal[],
): Promise<{ seals: StoredSeal[]; notes: string[]; problem?: SealProblem }> {
  const rows = await prisma.auditSeal.findMany({ orderBy: { lastSequence: "asc" } });
  const seals: StoredSeal[] = [];
  let previous: StoredSeal | undefined;
  for (const r of rows) {
    const body: SealBody = {
      month: r.month,
      firstSequence: r.firstSequence.toString(),
      lastSequence: r.lastSequence.toString(),
      rows: r.rows.toString(),
      firstPrevHash: r.firstPrevHash,
      lastHash: r.lastHash,
      prevSealHash: r.prevSealHash,
      ndjsonFile: r.ndjsonFile,
      ndjsonSha256: r.ndjsonSha256,
    };
    const what = `the seal of ${r.month} (#${r.firstSequence}–#${r.lastSequence})`;
    const fail = (problem: SealProblem["problem"], detail: string) => ({
      seals,
      notes: [],
      problem: { sequence: r.lastSequence, problem, detail },
    });
    const check = checkSignature(trusted, r.keyId, sealMessage(body), r.signature);
    if (check !== "valid" || sealHashOf(body) !== r.sealHash)
      return fail(
        "forged",
        check === "untrusted"
          ? `${what} is signed by key ${r.keyId}, which is not trusted (trusted: ${describeTrusted(trusted)})`
          : `${what} in the database does not verify against its signature: it was edited`,
      );
    const continues = previous
      ? r.prevSealHash === previous.sealHash &&
        r.firstPrevHash === previous.lastHash &&
        r.firstSequence === BigInt(previous.lastSequence) + 1n
      : r.prevSealHash === NO_SEAL_HASH && r.firstPrevHash === GENESIS_HASH && r.firstSequence === 1n;
    if (!continues)
      return fail(
        "deleted",
        `${what} does not continue ${previous ? `the seal of ${previous.month}` : "the chain's start"}: a seal between them is missing`,
      );
    previous = { ...body, sealHash: r.sealHash, dropped: r.droppedAt !== null };
    seals.push(previous);
  }
  if (!archived) return { seals, notes: [] };
  const notes: string[] = [];
  for (let i = 0; i < Math.max(seals.length, archived.length); i++) {
    const db = seals[i];
    const file = archived[i];
    if (db && file && db.sealHash === file.sealHash) continue;
    // Archived, then stopped before its seal was stored (a crash): the month's rows are all still live, and the
    // next retention run stores the very same seal. A dropped month always has its seal stored first.
    if (!db) {
      notes.push(
        `The archive holds ${file.month}, whose seal the database does not hold yet (sealing was interrupted).`,
      );
      break;
    }
    const detail = !file
      ? `the seal of ${db.month} is in the database but not in the archive: the month's archive files were removed`
      : `the archive's seal of ${file.month} differs from the database's seal of ${db.month}`;
    return {
      seals,
      notes,
      problem: { sequence: BigInt(db.lastSequence), problem: file ? "replaced" : "deleted", detail },
    };
  }
  return { seals, notes };
}
