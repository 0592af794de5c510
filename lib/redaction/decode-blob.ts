import { gunzipSync, inflateSync } from "node:zlib";

/** A blob is inspected only when its decoded (and inflated) bytes stay under this. */
export const MAX_INSPECT_BYTES = 1024 * 1024;

/** Hex runs (plain, or in pairs set apart by one and the same separator) and base64 or base64url runs worth decoding. */
export const HEX_RUN = /(?<![0-9a-f])[0-9a-f]{2}([ :,-]?)[0-9a-f]{2}(?:\1[0-9a-f]{2}){6,}(?![0-9a-f])/gi;
export const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,}={0,2}/g;

const decoder = new TextDecoder("utf-8");

/**
 * The bytes as text, when they are text: UTF-8, nearly all of it printable. A little junk is allowed (two
 * characters, or 5%), so a run with a stray character glued to its end still reads as the text it holds.
 */
export function asText(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  const text = decoder.decode(bytes);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) control++;
  }
  return control <= Math.max(2, text.length * 0.05) && control < text.length / 2 ? text : null;
}

/** gzip (1f 8b) or zlib (78 xx) data, inflated within the limit; null when it is neither or too big. */
export function inflated(bytes: Uint8Array): Buffer | null {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const zlib = bytes[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(bytes[1]);
  if (!gzip && !zlib) return null;
  try {
    return (gzip ? gunzipSync : inflateSync)(bytes, { maxOutputLength: MAX_INSPECT_BYTES });
  } catch {
    return null;
  }
}

/** Printable runs of eight or more characters inside binary data (what `strings` shows), one per line. */
export function printableRuns(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString("latin1")
      .match(/[\x20-\x7e\t]{8,}/g) ?? []
  ).join("\n");
}

/** Every text a blob holds: itself when it is text, its inflated content, or the printable runs of binary. */
export function textsOf(bytes: Uint8Array): string[] {
  if (bytes.length > MAX_INSPECT_BYTES) return [];
  const inner = inflated(bytes);
  if (inner) return textsOf(inner);
  const text = asText(bytes);
  return text === null ? [printableRuns(bytes)] : [text];
}

/** A hex run's bytes (its separators dropped). */
export const hexBytes = (run: string) => Buffer.from(run.replace(/[^0-9a-f]/gi, ""), "hex");

/**
 * A base64 run's decodings worth reading: at each of the four alignments (a run glued to other text
 * starts mid-group), the text it holds, or what its gzip or zlib data inflates to. Only a run with an
 * upper-case letter and a lower-case letter or digit is decoded: base64 of text (and of gzip) always has
 * them, while words, numbers and snake- or kebab-case names do not.
 */
export function base64Texts(run: string): string[] {
  const body = run.replace(/=+$/, "");
  if (!/[A-Z]/.test(body) || !/[a-z\d]/.test(body) || (body.length * 3) / 4 > MAX_INSPECT_BYTES) return [];
  const out: string[] = [];
  for (let shift = 0; shift < 4 && body.length - shift >= 12; shift++) {
    const part = body.slice(shift);
    const bytes = Buffer.from(part.slice(0, part.length - (part.length % 4 === 1 ? 1 : 0)), "base64");
    const inner = inflated(bytes);
    const text = inner ? textsOf(inner).join("\n") : asText(bytes);
    if (text) out.push(text);
    if (inner || (text && shift === 0)) break;
  }
  return out;
}
