import { connection } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH, hashRecord } from "./chain";
import { chainRowAt, memoryChainRows, streamChainRows, type ChainRow } from "./chain-rows";
import { loadSignedHeads, type SignedHead } from "./signed-heads";
import { loadSeals, type StoredSeal } from "./stored-seals";
import type { ArchivedSeal } from "./verify-archive";
import { configuredTrustedKeys, type TrustedKeys } from "./trusted-keys";

export type TamperKind =
  | "edited"
  | "deleted"
  | "inserted"
  | "reordered"
  | "replaced"
  | "rewritten"
  | "forged"
  | "key_replaced"
  | "missing_checkpoint"
  /** the archive of sealed months (lib/audit/verify-archive.ts) */
  | "archive";

type Head = { sequence: string; hash: string };

export type VerifyResult =
  | {
      ok: true;
      checked: number;
      checkpoints: number;
      anchors: number;
      head: Head | null;
      /** The highest sequence a verified checkpoint covers, and how many records lie past it. */
      lastCheckpoint: string | null;
      unprotected: number;
      /** Incremental runs: the trusted checkpoint the check started from (records up to it were not re-read). */
      startedAfter: string | null;
      /** The seal of the last dropped month, which the live chain continues from (its rows are archived). */
      sealedThrough: { month: string; sequence: string } | null;
      notes: string[];
    }
  | { ok: false; checked: number; sequence: string; problem: TamperKind; detail: string; notes: string[] };

export type VerifyOptions = {
  /** A folder of anchored checkpoints to hold the database to; none by default. */
  anchorsDir?: string | null;
  /** The keys whose signatures count; by default the configured ones. */
  trusted?: TrustedKeys;
  /**
   * Start from the newest signed checkpoint whose record is still there and still hashes to what was
   * signed, and check only what follows it (every checkpoint's signature is still checked). Tampering
   * at or before that checkpoint is then only found by a full run (the default).
   */
  incremental?: boolean;
  /** "memory" reads every row before checking (the reference for tests); "stream" (default) reads them in batches. */
  read?: "stream" | "memory";
  /** Rows per batch when streaming (tests make it small, so batch boundaries fall inside the chain). */
  batch?: number;
  /** The archive's seals, already verified (verifyArchive): the database's seals must match them. */
  archived?: ArchivedSeal[];
};

type Row = ChainRow;

const matchesAt = (row: Row, sequence: bigint) => hashRecord(row.prevHash, { ...row, sequence }) === row.hash;
const consistent = (row: Row) => matchesAt(row, row.sequence);

function groupBySequence(heads: SignedHead[]) {
  const map = new Map<bigint, SignedHead[]>();
  for (const h of heads) map.set(h.sequence, [...(map.get(h.sequence) ?? []), h]);
  return map;
}

/** The newest signed head whose row is present, hashes consistently and carries every hash signed for it. */
async function trustedStart(prisma: PrismaClient, headsAt: Map<bigint, SignedHead[]>, after: bigint) {
  for (const sequence of [...headsAt.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))) {
    if (sequence <= after) break;
    const row = await chainRowAt(prisma, sequence);
    if (row && consistent(row) && headsAt.get(sequence)?.every((h) => h.hash === row.hash)) return row;
  }
  return null;
}

/**
 * Verifies the audit log against what was signed: every checkpoint (stored or anchored) must carry a
 * trusted key's signature; the chain must link, row by row, with no gap; its hash must equal every
 * signed head; and it must reach the highest one. Names the first failure at its own sequence.
 */
export async function verifyChain(prisma: PrismaClient, options: VerifyOptions = {}): Promise<VerifyResult> {
  const trusted = options.trusted ?? configuredTrustedKeys();
  const signed = await loadSignedHeads(prisma, trusted, options.anchorsDir ?? null);
  const sealed = await loadSeals(prisma, trusted, options.archived);
  const notes = [...signed.notes, ...sealed.notes];
  let checked = 0;
  const fail = (sequence: bigint, problem: TamperKind, detail: string): VerifyResult => ({
    ok: false,
    checked,
    sequence: sequence.toString(),
    problem,
    detail,
    notes,
  });
  if (signed.problem) return fail(signed.problem.sequence, signed.problem.problem, signed.problem.detail);
  if (sealed.problem) return fail(sealed.problem.sequence, sealed.problem.problem, sealed.problem.detail);
  const base = await liveStart(prisma, sealed.seals);
  if ("problem" in base) return fail(base.sequence, "deleted", base.problem);
  const cut = base.seal ? BigInt(base.seal.lastSequence) : 0n;
  // A seal stands for the last hash of its month like a checkpoint; checkpoints inside dropped months have no
  // row left to be held to (their signatures were still checked, and the archive holds the rows).
  const heads = [...signed.heads.filter((h) => h.sequence > cut), ...sealHeads(sealed.seals, cut)];
  const headsAt = groupBySequence(heads);
  const start = options.incremental ? await trustedStart(prisma, headsAt, cut) : null;
  let expected = (start?.sequence ?? cut) + 1n;
  let prevHash = start?.hash ?? base.seal?.lastHash ?? GENESIS_HASH;
  let beforePrev = start?.prevHash ?? "";
  let agreedUpTo = start?.sequence ?? cut;

  /** Checks one row, knowing the row that follows it (if any); a failure, or undefined when it holds. */
  const step = (row: Row, following: Row | undefined): VerifyResult | undefined => {
    if (row.sequence > expected) {
      return fail(expected, "deleted", `sequence ${expected} is missing (next present is ${row.sequence})`);
    }
    if (!consistent(row)) {
      if (matchesAt(row, row.sequence - 1n)) {
        return fail(row.sequence - 1n, "inserted", `a row was inserted before sequence ${row.sequence}, shifting it`);
      }
      if (matchesAt(row, row.sequence + 1n)) {
        const swapped = following && matchesAt(following, following.sequence - 1n);
        return swapped
          ? fail(row.sequence, "reordered", `rows ${row.sequence} and ${row.sequence + 1n} were swapped`)
          : fail(row.sequence, "deleted", `a row before sequence ${row.sequence} was deleted and the rest renumbered`);
      }
      return fail(row.sequence, "edited", "the row's content no longer matches its hash");
    }
    if (row.prevHash !== prevHash) {
      if (base.seal && row.sequence === cut + 1n)
        return fail(
          row.sequence,
          "edited",
          `the first record after the seal of ${base.seal.month} does not link to the seal's last hash (#${cut})`,
        );
      if (row.prevHash === beforePrev) {
        return fail(row.sequence - 1n, "inserted", `sequence ${row.sequence - 1n} is not part of the chain`);
      }
      return fail(row.sequence, "edited", "the row's previous-hash link does not match the chain");
    }
    // A row swapped for another with a freshly computed hash looks whole on its own; its successor
    // still links to the original, so the break is named here rather than at the successor.
    if (
      following &&
      following.sequence === row.sequence + 1n &&
      following.prevHash !== row.hash &&
      following.prevHash !== row.prevHash &&
      consistent(following)
    ) {
      return fail(
        row.sequence,
        "replaced",
        `the record at #${row.sequence} was replaced: it hashes correctly, but #${following.sequence} links to a different record`,
      );
    }
    for (const head of headsAt.get(row.sequence) ?? []) {
      if (head.hash === row.hash) continue;
      const range =
        agreedUpTo + 1n === row.sequence
          ? `the record at #${row.sequence} was`
          : `records between #${agreedUpTo + 1n} and #${row.sequence} were`;
      return fail(
        row.sequence,
        "rewritten",
        `the chain's hash at #${row.sequence} differs from the checkpoint signed for it (${head.where}): ${range} changed and every later hash recomputed`,
      );
    }
    if (headsAt.has(row.sequence)) agreedUpTo = row.sequence;
    beforePrev = prevHash;
    prevHash = row.hash;
    expected += 1n;
    checked++;
    return undefined;
  };

  const from = start?.sequence ?? cut;
  const pages =
    options.read === "memory"
      ? memoryChainRows(prisma, from)
      : streamChainRows(prisma, connection(), from, options.batch);
  // Each row is checked once its successor is known: the last row of a batch waits for the next batch.
  let carried: Row | undefined;
  for await (const page of pages) {
    for (const row of page) {
      if (carried) {
        const failure = step(carried, row);
        if (failure) return failure; // (leaving the loop closes the stream)
      }
      carried = row;
    }
  }
  if (carried) {
    const failure = step(carried, undefined);
    if (failure) return failure;
  }
  const end = expected - 1n;
  const highest = signed.heads.at(-1);
  if (highest && highest.sequence > end) {
    const copy = highest.anchored && !highest.inDatabase ? "; the database's copy of that checkpoint is gone too" : "";
    if (end === 0n)
      return fail(
        1n,
        "deleted",
        `the chain is empty, but ${new Set(signed.heads.map((h) => h.sequence)).size} signed checkpoints (the latest for #${highest.sequence}, in ${highest.where}) say it held ${highest.sequence} records: the audit tables were emptied${copy}`,
      );
    return fail(
      expected,
      "deleted",
      `the chain ends at #${end}, but a checkpoint signed for #${highest.sequence} (${highest.where}) says it reached #${highest.sequence}: records #${expected}–#${highest.sequence} were deleted${copy}`,
    );
  }
  const missing = signed.missing[0];
  if (missing)
    return fail(
      missing.sequence,
      "missing_checkpoint",
      `the checkpoint signed for #${missing.sequence} (${missing.where}) is missing from the database: it was deleted`,
    );
  const last = highest?.sequence ?? null;
  return {
    ok: true,
    checked,
    checkpoints: signed.checkpoints,
    anchors: signed.anchors,
    head: end === 0n ? null : { sequence: end.toString(), hash: prevHash },
    lastCheckpoint: last === null ? null : last.toString(),
    unprotected: Number(end - (last ?? 0n)),
    startedAfter: start ? start.sequence.toString() : null,
    sealedThrough: base.seal ? { month: base.seal.month, sequence: base.seal.lastSequence } : null,
    notes,
  };
}

/** Each seal as a signed head of its month's last record, for the months whose rows are still live. */
const sealHeads = (seals: StoredSeal[], cut: bigint): SignedHead[] =>
  seals
    .filter((s) => BigInt(s.lastSequence) > cut)
    .map((s) => ({
      sequence: BigInt(s.lastSequence),
      hash: s.lastHash,
      where: `the seal of ${s.month}`,
      anchored: false,
      inDatabase: true,
    }));

/**
 * Where the live chain starts: its first record, or after a dropped month, the seal whose last record is the one
 * just before the first live one. Records missing from the front with no seal ending there were deleted.
 */
async function liveStart(
  prisma: PrismaClient,
  seals: StoredSeal[],
): Promise<{ seal: StoredSeal | null } | { sequence: bigint; problem: string }> {
  const [{ first }] = await prisma.$queryRawUnsafe<{ first: string | null }[]>(
    `SELECT min(sequence)::text AS first FROM "AuditEvent"`,
  );
  const lowest = first === null ? null : BigInt(first);
  const last = seals.at(-1);
  // The current month is never sealed: a sealed chain with nothing live after it was emptied.
  if (lowest === null && last)
    return {
      sequence: BigInt(last.lastSequence) + 1n,
      problem: `the live chain is empty, but the seal of ${last.month} says it reached #${last.lastSequence}: the records after it were deleted`,
    };
  if (lowest === null || lowest === 1n) return { seal: null };
  const seal = seals.find((s) => BigInt(s.lastSequence) === lowest - 1n);
  if (seal) return { seal };
  return {
    sequence: last && BigInt(last.lastSequence) < lowest ? BigInt(last.lastSequence) + 1n : 1n,
    problem: last
      ? `the live chain starts at #${lowest}, but the last seal (${last.month}) ends at #${last.lastSequence}: records before #${lowest} were deleted without a seal`
      : `the live chain starts at #${lowest} and no seal covers the records before it: they were deleted`,
  };
}
