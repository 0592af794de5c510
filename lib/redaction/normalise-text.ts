/**
 * A copy of a text in the form the secret patterns know, with a map back to the original: what each
 * character of the copy came from, so a secret found in the copy is masked where it sits in the original.
 *  - NFKC: fullwidth (U+FF01–FF5E), mathematical and other compatibility letters become ASCII;
 *  - invisible characters are dropped: zero-width and other format characters (U+200B–U+200F, U+2060,
 *    U+FEFF, the soft hyphen…), combining marks and the Hangul fillers;
 *  - escapes are decoded: %XX (URL, runs of them as UTF-8), \uXXXX, \xXX, &#NN; and &#xHH;
 *  - a run of eight or more single characters each set apart by spaces ("g h p _ 1 …") is closed up
 *    (a wider gap in it, a spaced-out space, stays one space).
 * Case is not folded here: the patterns are case-insensitive wherever the secret's own alphabet allows.
 */
export type Normalised = { text: string; from: number[]; to: number[] };

const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0]$/u;
const ESCAPE = /(?:%[0-9a-f]{2})+|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&#x[0-9a-f]{1,6};|&#\d{1,7};/giy;
const SPACED = /(?<!\S)(?:\S[^\S\n]+){7,}\S(?!\S)/gu;

/** Something the copy would change: a character outside printable ASCII, an escape, or a spaced-out run. */
export const MIGHT_NORMALISE = /[^\x20-\x7e\t\n\r]|%[0-9a-f]{2}|\\[ux][0-9a-f]{2}|&#|(?:\S[^\S\n]+){7}\S/i;

function decodeEscape(e: string): string {
  if (e[0] === "%") {
    const bytes = Buffer.from(e.replace(/%/g, ""), "hex");
    return new TextDecoder("utf-8").decode(bytes);
  }
  if (e[0] === "&") {
    const n = e[2] === "x" || e[2] === "X" ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10);
    return n <= 0x10ffff ? String.fromCodePoint(n) : "";
  }
  return String.fromCharCode(parseInt(e.slice(2), 16));
}

// What the copy changes: a character outside printable ASCII, or an escape. Everything between is copied as is.
const SPECIAL = /[^\x20-\x7e\t\n\r]|%[0-9a-f]{2}|\\[ux][0-9a-f]{2}|&#/gi;

/** The normalised copy, or null when it would equal the text. */
const CHANGES = /[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0]|%[0-9a-f]{2}|\\[ux][0-9a-f]{2}|&#|(?:\S[^\S\n]+){7}\S/iu;

export function normalise(s: string): Normalised | null {
  if (!MIGHT_NORMALISE.test(s)) return null;
  // Accented letters and other text NFKC leaves alone (a log with a "Zürich" in it) need no copy.
  if (!CHANGES.test(s) && s.normalize("NFKC") === s) return null;
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const push = (chars: string, start: number, stop: number) => {
    for (const ch of chars.normalize("NFKC")) {
      if (INVISIBLE.test(ch)) continue;
      parts.push(ch);
      for (let k = 0; k < ch.length; k++) {
        from.push(start);
        to.push(stop);
      }
    }
  };
  const plain = (a: number, b: number) => {
    if (b <= a) return;
    parts.push(s.slice(a, b));
    for (let k = a; k < b; k++) {
      from.push(k);
      to.push(k + 1);
    }
  };
  let i = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(s); m; m = SPECIAL.exec(s)) {
    if (m.index < i) continue;
    plain(i, m.index);
    i = m.index;
    const c = s[i];
    if (c === "%" || c === "\\" || c === "&") {
      ESCAPE.lastIndex = i;
      const e = ESCAPE.exec(s);
      if (e) {
        push(decodeEscape(e[0]), i, i + e[0].length);
        i += e[0].length;
        SPECIAL.lastIndex = i;
        continue;
      }
      plain(i, i + 1);
      i += 1;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    push(String.fromCodePoint(cp), i, i + width);
    i += width;
    SPECIAL.lastIndex = i;
  }
  plain(i, s.length);
  return closeSpacedRuns({ text: parts.join(""), from, to }, s);
}

/** Within a spaced-out run, one space between letters goes; a wider gap (a space that was spaced out too) is one space. */
function closeSpacedRuns(n: Normalised, original: string): Normalised | null {
  if (!SPACED.test(n.text)) return n.text === original ? null : n;
  SPACED.lastIndex = 0;
  // 0: drop, 1: keep, 2: keep as one space
  const keep = new Array<number>(n.text.length).fill(1);
  for (const m of n.text.matchAll(SPACED))
    for (const gap of m[0].matchAll(/\s+/g))
      for (let k = 0; k < gap[0].length; k++) keep[m.index + gap.index + k] = gap[0].length > 1 && k === 0 ? 2 : 0;
  const out: Normalised = { text: "", from: [], to: [] };
  for (let k = 0; k < n.text.length; k++)
    if (keep[k]) {
      out.text += keep[k] === 2 ? " " : n.text[k];
      out.from.push(n.from[k]);
      out.to.push(n.to[k]);
    }
  return out;
}

/** The same copy with every whitespace character dropped (a token written in groups: "ghp_abcd efgh …"). */
export function withoutSpaces(n: Normalised): Normalised | null {
  if (!/\s/.test(n.text)) return null;
  const out: Normalised = { text: "", from: [], to: [] };
  for (let k = 0; k < n.text.length; k++)
    if (!/\s/.test(n.text[k])) {
      out.text += n.text[k];
      out.from.push(n.from[k]);
      out.to.push(n.to[k]);
    }
  return out;
}

/** The original's span of a copy's span [start, end). */
export const originalSpan = (n: Normalised, start: number, end: number): [number, number] => [
  n.from[start],
  n.to[end - 1],
];
