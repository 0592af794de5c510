import { z } from "zod";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { sha256Hex } from "@/lib/crypto/sha256";
import { GENESIS_HASH, hashRecord } from "./chain";
import type { ChainRow } from "./chain-rows";

/**
 * What a month's seal signs: its run of sequences, the hashes at both ends, the archived NDJSON's sha256, and
 * the previous seal's hash, so seals form a chain of their own. No time is signed: sealing a month twice (a
 * retry after a crash) yields the same bytes, which a write-once archive then accepts.
 */
export const ZSealBody = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  firstSequence: z.string().regex(/^[1-9]\d*$/),
  lastSequence: z.string().regex(/^[1-9]\d*$/),
  rows: z.string().regex(/^[1-9]\d*$/),
  firstPrevHash: z.string().regex(/^[0-9a-f]{64}$/),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  prevSealHash: z.string().regex(/^[0-9a-f]{64}$/),
  ndjsonFile: z.string().min(1),
  ndjsonSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SealBody = z.infer<typeof ZSealBody>;

/** The seal file: the body, and the evidence key's signature over sealMessage(body). */
export const ZSealFile = ZSealBody.extend({ version: z.literal(1), keyId: z.string(), signature: z.string() }).strict();
export type SealFile = z.infer<typeof ZSealFile>;

/** The manifest: every file of the month with its sha256, and the month's run of records. */
export const ZManifest = z
  .object({
    version: z.literal(1),
    month: z.string(),
    rows: z.string(),
    firstSequence: z.string(),
    lastSequence: z.string(),
    files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int().nonnegative() })).min(2),
  })
  .strict();
export type Manifest = z.infer<typeof ZManifest>;

/** The first seal chains to this. */
export const NO_SEAL_HASH = GENESIS_HASH;

export const sealMessage = (body: SealBody) => `warden-seal:v1:${canonicalJson(ZSealBody.parse(body))}`;
export const sealHashOf = (body: SealBody) => sha256Hex(sealMessage(body));

export const archiveNames = (month: string) => ({
  ndjson: `audit-${month}.ndjson`,
  seal: `audit-${month}.seal.json`,
  manifest: `audit-${month}.manifest.json`,
});

/** One archived record per line: its hashed fields and both links, keys in canonical order. */
export const ndjsonLine = (row: ChainRow) => `${canonicalJson(row)}\n`;

const ZLine = z
  .object({ sequence: z.string().regex(/^\d+$/), prevHash: z.string(), hash: z.string(), occurredAt: z.string() })
  .passthrough();

/** A record read back from its NDJSON line (throws with the reason when the line is not one). */
export function parseNdjsonLine(text: string): ChainRow {
  const line = ZLine.parse(JSON.parse(text));
  return { ...(line as unknown as ChainRow), sequence: BigInt(line.sequence), occurredAt: new Date(line.occurredAt) };
}

export const rowHolds = (row: ChainRow) => hashRecord(row.prevHash, row) === row.hash;
