import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPublicKey } from "node:crypto";
import { readAnchors } from "./anchor-folder";
import { checkpointMessage, keyIdOf } from "./signing-key";
import { checkSignature, describeTrusted, type TrustedKeys } from "./trusted-keys";

/** A chain head that a trusted key signed, and where that statement was found. */
export type SignedHead = { sequence: bigint; hash: string; where: string; anchored: boolean; inDatabase: boolean };

export type HeadProblem = { sequence: bigint; problem: "forged" | "key_replaced"; detail: string };

export type SignedHeads = {
  heads: SignedHead[];
  checkpoints: number;
  anchors: number;
  /** Anchored checkpoints the database no longer holds (same sequence and hash). */
  missing: SignedHead[];
  notes: string[];
  problem?: HeadProblem;
};

const verdict = (trusted: TrustedKeys, what: string, keyId: string, sequence: bigint, hash: string, sig: string) => {
  const check = checkSignature(trusted, keyId, checkpointMessage(sequence, hash), sig);
  if (check === "valid") return undefined;
  const detail =
    check === "untrusted"
      ? `${what} is signed by key ${keyId}, which is not a trusted key (trusted: ${describeTrusted(trusted)}); if it is one of yours, rotated out, add its public key to WARDEN_TRUSTED_KEYS`
      : `${what} names trusted key ${keyId}, but its signature does not verify: it was forged or altered`;
  return { sequence, problem: "forged" as const, detail };
};

/**
 * Every signed head, from the database's checkpoints and from the anchors folder, each checked against
 * the configured keys alone. The SigningKey table is never trusted: a stored public key that differs
 * from the configured key of the same id is itself reported as tampering.
 */
export async function loadSignedHeads(
  prisma: PrismaClient,
  trusted: TrustedKeys,
  anchorsDir: string | null,
): Promise<SignedHeads> {
  const rows = await prisma.auditCheckpoint.findMany({ orderBy: { sequence: "asc" }, include: { key: true } });
  const result: SignedHeads = { heads: [], checkpoints: rows.length, anchors: 0, missing: [], notes: [] };
  if (trusted.size === 0 && rows.length > 0)
    result.notes.push("No signing key is configured: no checkpoint can verify.");
  for (const cp of rows) {
    const what = `the checkpoint stored for #${cp.sequence}`;
    result.problem = verdict(trusted, what, cp.keyId, cp.sequence, cp.hash, cp.signature);
    if (result.problem) return result;
    const stored = storedKeyId(cp.key.publicKey);
    if (stored !== cp.keyId) {
      result.problem = {
        sequence: cp.sequence,
        problem: "key_replaced",
        detail: `the public key stored for key ${cp.keyId} (SigningKey) was overwritten with ${stored ? `key ${stored}` : "something else"}; verification uses the configured key, which still verifies this checkpoint`,
      };
      return result;
    }
    result.heads.push({
      sequence: cp.sequence,
      hash: cp.hash,
      where: "stored in the database",
      anchored: false,
      inDatabase: true,
    });
  }
  if (!anchorsDir) {
    result.notes.push(
      "No anchors folder: only the database's own checkpoints were checked (set WARDEN_CHECKPOINT_DIR, or pass --anchors DIR).",
    );
    return result;
  }
  const read = await readAnchors(anchorsDir);
  if (!read.exists)
    result.notes.push(`The anchors folder ${anchorsDir} does not exist yet: no checkpoint was anchored there.`);
  const bad = read.invalid[0];
  if (bad) {
    const named = /(\d+)\.json$/.exec(bad.file)?.[1];
    result.problem = {
      sequence: BigInt(named ?? 0),
      problem: "forged",
      detail: `anchor file ${bad.file} is not a signed checkpoint: ${bad.reason}`,
    };
    return result;
  }
  const inDatabase = new Set(rows.map((r) => `${r.sequence}:${r.hash}`));
  const anchoredInDb = new Set<string>();
  for (const { anchor, file } of read.anchors) {
    const sequence = BigInt(anchor.sequence);
    result.problem = verdict(trusted, `anchor file ${file}`, anchor.keyId, sequence, anchor.hash, anchor.signature);
    if (result.problem) return result;
    const key = `${sequence}:${anchor.hash}`;
    const head = {
      sequence,
      hash: anchor.hash,
      where: `anchor file ${file}`,
      anchored: true,
      inDatabase: inDatabase.has(key),
    };
    result.heads.push(head);
    if (head.inDatabase) anchoredInDb.add(key);
    else result.missing.push(head);
  }
  result.anchors = read.anchors.length;
  const unanchored = rows.filter((r) => !anchoredInDb.has(`${r.sequence}:${r.hash}`)).length;
  if (unanchored > 0)
    result.notes.push(
      `${unanchored} of the database's checkpoints have no file in ${anchorsDir} (written before it was configured, or while it was unwritable).`,
    );
  result.heads.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
  result.missing.sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
  return result;
}

function storedKeyId(pem: string): string | null {
  try {
    return keyIdOf(createPublicKey(pem));
  } catch {
    return null;
  }
}
