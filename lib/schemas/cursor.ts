import { z } from "zod";
import { MAX_DATE, text } from "./safe-input";

/**
 * The one keyset cursor codec of Warden's list routes: "<occurredAt ms>.<sequence>" of the last row seen.
 * Decoding never throws: anything that is not exactly that shape, in range, is null, so a malformed
 * cursor is a 400 at the edge and never reaches Date or BigInt.
 */
export type KeysetCursor = { at: Date; sequence: bigint };

// The largest value of PostgreSQL's bigint, the audit sequence's type.
const MAX_SEQUENCE = 9_223_372_036_854_775_807n;
const SHAPE = /^(\d{1,15})\.(\d{1,19})$/;

export function decodeCursor(raw: unknown): KeysetCursor | null {
  if (typeof raw !== "string") return null;
  const m = SHAPE.exec(raw);
  if (!m) return null;
  const ms = Number(m[1]);
  const sequence = BigInt(m[2]);
  if (ms > MAX_DATE.getTime() || sequence > MAX_SEQUENCE) return null;
  return { at: new Date(ms), sequence };
}

export const encodeCursor = (row: { occurredAt: Date; sequence: bigint }) =>
  `${row.occurredAt.getTime()}.${row.sequence}`;

/** A cursor query parameter: blank means "first page"; anything else must decode. */
export const ZCursor = z.preprocess(
  (v) => (v === "" ? undefined : v),
  text(40)
    .refine((c) => decodeCursor(c) !== null, "Invalid cursor: pass back the nextCursor of the previous page")
    .optional(),
);
