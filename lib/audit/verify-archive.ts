import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { GENESIS_HASH } from "./chain";
import {
  archiveNames,
  NO_SEAL_HASH,
  parseNdjsonLine,
  rowHolds,
  sealHashOf,
  sealMessage,
  ZManifest,
  ZSealFile,
  type SealFile,
} from "./seal";
import { sha256OfFile } from "./archive-folder";
import { checkSignature, describeTrusted, type TrustedKeys } from "./trusted-keys";

/** The newest archived seal: where the live chain continues. */
export type ArchivedSeal = SealFile & { sealHash: string };

export type ArchiveResult =
  | { ok: true; months: string[]; rows: number; seals: ArchivedSeal[] }
  | { ok: false; month: string; file: string; detail: string };

class ArchiveProblem extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(detail);
  }
}

const MANIFEST = /^audit-(\d{4}-\d{2})\.manifest\.json$/;

async function readJson(dir: string, name: string) {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ArchiveProblem(name, `${name} is missing`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArchiveProblem(name, `${name} is not JSON: it was edited`);
  }
}

/**
 * Checks an archive folder offline, month by month in order: each manifest lists files whose sha256 still match;
 * each seal is signed by a trusted key and chains to the previous month's seal; each NDJSON file holds exactly
 * the records its seal signs, every record hashing to itself and linking to the one before, from the previous
 * month's last hash. The first failure is named by file (and line).
 */
export async function verifyArchive(dir: string, trusted: TrustedKeys): Promise<ArchiveResult> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { ok: false, month: "", file: dir, detail: `the archive folder ${dir} does not exist` };
    throw error;
  }
  const months = names.flatMap((n) => MANIFEST.exec(n)?.[1] ?? []).sort();
  const orphans = names.filter((n) => /^audit-.*\.ndjson$/.test(n) && !months.some((m) => n === `audit-${m}.ndjson`));
  if (orphans.length)
    return { ok: false, month: "", file: orphans[0], detail: `${orphans[0]} has no manifest: it was removed` };
  const seals: ArchivedSeal[] = [];
  let rows = 0;
  for (const month of months) {
    try {
      const previous = seals.at(-1);
      const seal = await checkMonth(dir, month, previous, trusted);
      seals.push(seal);
      rows += Number(seal.rows);
    } catch (error) {
      if (!(error instanceof ArchiveProblem)) throw error;
      return { ok: false, month, file: error.file, detail: error.message };
    }
  }
  return { ok: true, months, rows, seals };
}

async function checkMonth(dir: string, month: string, previous: ArchivedSeal | undefined, trusted: TrustedKeys) {
  const names = archiveNames(month);
  const manifest = ZManifest.safeParse(await readJson(dir, names.manifest));
  if (!manifest.success) throw new ArchiveProblem(names.manifest, `${names.manifest} is not a valid manifest`);
  const parsed = ZSealFile.safeParse(await readJson(dir, names.seal));
  if (!parsed.success) throw new ArchiveProblem(names.seal, `${names.seal} is not a valid seal: it was edited`);
  const seal = parsed.data;
  const check = checkSignature(trusted, seal.keyId, sealMessage(seal), seal.signature);
  if (check !== "valid")
    throw new ArchiveProblem(
      names.seal,
      check === "untrusted"
        ? `${names.seal} is signed by key ${seal.keyId}, which is not trusted (trusted: ${describeTrusted(trusted)})`
        : `${names.seal}'s signature does not verify: the seal was edited or forged`,
    );
  const sealHash = sealHashOf(seal);
  if (seal.month !== month) throw new ArchiveProblem(names.seal, `${names.seal} seals month ${seal.month}`);
  const expectPrev = previous?.sealHash ?? NO_SEAL_HASH;
  if (seal.prevSealHash !== expectPrev)
    throw new ArchiveProblem(
      names.seal,
      previous
        ? `${names.seal} does not chain to the seal of ${previous.month}: a month between them is missing or was replaced`
        : `${names.seal} chains to an earlier seal that is not in the archive: an earlier month was removed`,
    );
  const expectFirst = previous ? BigInt(previous.lastSequence) + 1n : 1n;
  if (BigInt(seal.firstSequence) !== expectFirst || seal.firstPrevHash !== (previous?.lastHash ?? GENESIS_HASH))
    throw new ArchiveProblem(names.seal, `${names.seal} does not start where ${previous?.month ?? "the chain"} ends`);

  await checkRows(dir, seal);

  const m = manifest.data;
  if (
    m.month !== month ||
    m.rows !== seal.rows ||
    m.firstSequence !== seal.firstSequence ||
    m.lastSequence !== seal.lastSequence
  )
    throw new ArchiveProblem(
      names.manifest,
      `${names.manifest} disagrees with its seal on the month's records: it was edited`,
    );
  const actual = new Map<string, string>();
  for (const file of [names.ndjson, names.seal]) {
    const listed = m.files.find((f) => f.name === file);
    if (!listed) throw new ArchiveProblem(names.manifest, `${names.manifest} does not list ${file}: it was edited`);
    actual.set(file, await sha256OfFile(path.join(dir, file)));
    if (actual.get(file) !== listed.sha256)
      throw new ArchiveProblem(
        names.manifest,
        `${file}'s sha256 is ${actual.get(file)}, ${names.manifest} lists ${listed.sha256}: one of them was edited`,
      );
  }
  // The NDJSON (a whole month, the archive's largest file) is read for its hash once, above.
  if (actual.get(names.ndjson) !== seal.ndjsonSha256)
    throw new ArchiveProblem(
      names.ndjson,
      `${names.ndjson}'s sha256 differs from the one its seal signs: it was edited`,
    );
  return { ...seal, sealHash };
}

/** Walks the NDJSON line by line (memory stays flat), holding it to the seal. */
async function checkRows(dir: string, seal: SealFile) {
  const file = seal.ndjsonFile;
  if (file !== archiveNames(seal.month).ndjson) throw new ArchiveProblem(file, `the seal names ${file}`);
  let stream;
  try {
    stream = createReadStream(path.join(dir, file));
    await new Promise((resolve, reject) => stream!.once("open", resolve).once("error", reject));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ArchiveProblem(file, `${file} is missing`);
    throw error;
  }
  let expected = BigInt(seal.firstSequence);
  let prevHash = seal.firstPrevHash;
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const at = `${file} line ${line}`;
    let row;
    try {
      row = parseNdjsonLine(text);
    } catch {
      throw new ArchiveProblem(file, `${at} is not an archived record: it was edited`);
    }
    if (row.sequence !== expected)
      throw new ArchiveProblem(
        file,
        `${at} holds #${row.sequence} where #${expected} was expected: ${row.sequence > expected ? "a record was removed" : "a record was added or reordered"}`,
      );
    if (!rowHolds(row))
      throw new ArchiveProblem(file, `${at} (#${row.sequence}): the record no longer matches its hash: it was edited`);
    if (row.prevHash !== prevHash)
      throw new ArchiveProblem(file, `${at} (#${row.sequence}) does not link to the record before it: it was replaced`);
    prevHash = row.hash;
    expected++;
  }
  const last = expected - 1n;
  if (last !== BigInt(seal.lastSequence))
    throw new ArchiveProblem(
      file,
      `${file} ends at #${last}, its seal says #${seal.lastSequence}: ${last < BigInt(seal.lastSequence) ? "records were removed" : "records were added"}`,
    );
  if (BigInt(seal.rows) !== last - BigInt(seal.firstSequence) + 1n)
    throw new ArchiveProblem(
      file,
      `${file} holds ${last - BigInt(seal.firstSequence) + 1n} records, its seal says ${seal.rows}`,
    );
  if (prevHash !== seal.lastHash)
    throw new ArchiveProblem(
      file,
      `${file}'s last record hashes to ${prevHash}, its seal signs ${seal.lastHash}: records were rewritten`,
    );
}
