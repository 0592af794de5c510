import path from "node:path";
import { sha256OfFile, writeOnce } from "@/lib/audit/archive-folder";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { streamChainRows } from "@/lib/audit/chain-rows";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  archiveNames,
  ndjsonLine,
  NO_SEAL_HASH,
  rowHolds,
  sealHashOf,
  sealMessage,
  type SealBody,
} from "@/lib/audit/seal";
import type { Signer } from "@/lib/audit/signing-key";
import type { AuditActor } from "@/lib/authz/actor";
import { connection, db } from "@/lib/db/client";

/**
 * Seals one month: writes its records to the archive as NDJSON (checking each one's hash and link on the way: a
 * month that does not verify is never sealed), then its signed seal, chained to the previous seal, and a manifest
 * of both; reads the three files back and hashes them; only then stores the seal, with its audit record, in one
 * transaction. The month must start where the previous seal ends.
 */
export async function sealAuditMonth(
  month: string,
  start: Date,
  end: Date,
  dir: string,
  signer: Signer,
  actor: AuditActor,
) {
  const [range] = await db().$queryRawUnsafe<{ rows: string; first: string | null; last: string | null }[]>(
    `SELECT count(*)::text AS rows, min(sequence)::text AS first, max(sequence)::text AS last FROM "AuditEvent"
     WHERE "recordedAt" >= $1::timestamptz AND "recordedAt" < $2::timestamptz`,
    start.toISOString(),
    end.toISOString(),
  );
  if (!range.first || !range.last) throw new Error(`Audit month ${month} holds no record: nothing to seal`);
  const first = BigInt(range.first);
  const last = BigInt(range.last);
  const previous = await db().auditSeal.findFirst({ orderBy: { lastSequence: "desc" } });
  if (first !== (previous?.lastSequence ?? 0n) + 1n || BigInt(range.rows) !== last - first + 1n)
    throw new Error(
      `Audit month ${month} holds #${first}–#${last} (${range.rows} records), which does not continue the last seal (${previous ? `#${previous.lastSequence}, ${previous.month}` : "none"}): not sealed`,
    );

  const names = archiveNames(month);
  let firstPrevHash: string | null = null;
  let prevHash = previous?.lastHash ?? GENESIS_HASH;
  async function* lines() {
    for await (const page of streamChainRows(db(), connection(), first - 1n)) {
      for (const row of page) {
        if (row.sequence > last) return;
        if (!rowHolds(row) || row.prevHash !== prevHash)
          throw new Error(
            `Audit record #${row.sequence} does not verify: month ${month} is not sealed (run audit:verify)`,
          );
        firstPrevHash ??= row.prevHash;
        prevHash = row.hash;
        yield ndjsonLine(row);
      }
    }
  }
  const ndjson = await writeOnce(dir, names.ndjson, lines());
  const body: SealBody = {
    month,
    firstSequence: first.toString(),
    lastSequence: last.toString(),
    rows: range.rows,
    firstPrevHash: firstPrevHash ?? GENESIS_HASH,
    lastHash: prevHash,
    prevSealHash: previous?.sealHash ?? NO_SEAL_HASH,
    ndjsonFile: names.ndjson,
    ndjsonSha256: ndjson.sha256,
  };
  const sealFile = { version: 1, ...body, keyId: signer.keyId, signature: signer.sign(sealMessage(body)) };
  const seal = await writeOnce(dir, names.seal, [`${JSON.stringify(sealFile, null, 2)}\n`]);
  const manifestBody = {
    version: 1,
    month,
    rows: body.rows,
    firstSequence: body.firstSequence,
    lastSequence: body.lastSequence,
    files: [ndjson, seal],
  };
  const manifest = await writeOnce(dir, names.manifest, [`${JSON.stringify(manifestBody, null, 2)}\n`]);
  for (const file of [ndjson, seal, manifest]) {
    const reread = await sha256OfFile(path.join(dir, file.name));
    if (reread !== file.sha256)
      throw new Error(`${file.name} reads back with sha256 ${reread}, not the ${file.sha256} written: not sealed`);
  }

  const sealHash = sealHashOf(body);
  return db().$transaction(async (tx) => {
    await tx.signingKey.createMany({
      data: [{ id: signer.keyId, publicKey: signer.publicKeyPem }],
      skipDuplicates: true,
    });
    const stored = await tx.auditSeal.create({
      data: {
        month,
        firstSequence: first,
        lastSequence: last,
        rows: BigInt(body.rows),
        firstPrevHash: body.firstPrevHash,
        lastHash: body.lastHash,
        prevSealHash: body.prevSealHash,
        sealHash,
        keyId: signer.keyId,
        signature: sealFile.signature,
        ndjsonFile: names.ndjson,
        ndjsonSha256: ndjson.sha256,
        manifestFile: names.manifest,
        manifestSha256: manifest.sha256,
        sealedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      actor,
      category: "ADMIN",
      action: "audit.month_sealed",
      target: { type: "AuditMonth", id: month },
      attributes: { ...body, sealHash, manifestFile: names.manifest, manifestSha256: manifest.sha256 },
    });
    return stored;
  });
}
