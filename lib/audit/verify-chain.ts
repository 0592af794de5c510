import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH, hashRecord, type ChainRecord } from "./chain";
import { verifyCheckpoint } from "./signing-key";

export type TamperKind = "edited" | "deleted" | "inserted" | "reordered" | "bad_signature";

export type VerifyResult =
  | { ok: true; checked: number; checkpoints: number; head: { sequence: string; hash: string } | null }
  | { ok: false; checked: number; sequence: string; problem: TamperKind; detail: string };

type Row = ChainRecord & { prevHash: string; hash: string };

const PAGE = 5000;

async function* rows(prisma: PrismaClient): AsyncGenerator<Row> {
  let after = 0n;
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: { sequence: { gt: after } },
      orderBy: { sequence: "asc" },
      take: PAGE,
    });
    for (const row of page) yield row;
    if (page.length < PAGE) return;
    after = page[page.length - 1].sequence;
  }
}

const matchesAt = (row: Row, sequence: bigint) => hashRecord(row.prevHash, { ...row, sequence }) === row.hash;

/**
 * Walks the chain in sequence order and names the first row that breaks it. Each row's hash must
 * cover its own content and its predecessor's hash, and sequences must have no gaps.
 */
export async function verifyChain(prisma: PrismaClient): Promise<VerifyResult> {
  const checkpoints = await prisma.auditCheckpoint.findMany({ orderBy: { sequence: "asc" }, include: { key: true } });
  for (const cp of checkpoints) {
    if (!verifyCheckpoint(cp.key.publicKey, cp.sequence, cp.hash, cp.signature)) {
      return {
        ok: false,
        checked: 0,
        sequence: cp.sequence.toString(),
        problem: "bad_signature",
        detail: `the checkpoint at sequence ${cp.sequence} has a signature that does not verify`,
      };
    }
  }
  const signed = new Map(checkpoints.map((cp) => [cp.sequence, cp.hash]));
  const iterator = rows(prisma);
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let beforePrev = "";
  let checked = 0;
  const fail = (sequence: bigint, problem: TamperKind, detail: string): VerifyResult => ({
    ok: false,
    checked,
    sequence: sequence.toString(),
    problem,
    detail,
  });
  let next = await iterator.next();
  while (!next.done) {
    const row = next.value;
    next = await iterator.next();
    const following = next.done ? undefined : next.value;
    if (row.sequence > expected) {
      return fail(expected, "deleted", `sequence ${expected} is missing (next present is ${row.sequence})`);
    }
    if (hashRecord(row.prevHash, row) !== row.hash) {
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
      if (row.prevHash === beforePrev) {
        return fail(row.sequence - 1n, "inserted", `sequence ${row.sequence - 1n} is not part of the chain`);
      }
      return fail(row.sequence, "edited", "the row's previous-hash link does not match the chain");
    }
    const checkpointHash = signed.get(row.sequence);
    if (checkpointHash !== undefined && checkpointHash !== row.hash) {
      return fail(
        row.sequence,
        "edited",
        "the chain up to here was rewritten: it no longer matches a signed checkpoint",
      );
    }
    beforePrev = prevHash;
    prevHash = row.hash;
    expected += 1n;
    checked++;
  }
  const beyond = checkpoints.find((cp) => cp.sequence >= expected);
  if (beyond)
    return fail(
      expected,
      "deleted",
      `a signed checkpoint covers sequence ${beyond.sequence}, but the chain ends at ${expected - 1n}`,
    );
  const head = checked === 0 ? null : { sequence: (expected - 1n).toString(), hash: prevHash };
  return { ok: true, checked, checkpoints: checkpoints.length, head };
}
