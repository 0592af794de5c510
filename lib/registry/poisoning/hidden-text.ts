/**
 * Text a human reviewer does not see but a model reads: invisible characters, terminal escapes, HTML
 * comments, text pushed out of view by padding, and encoded blobs. Normalising removes them from the
 * visible text; each one found is kept, made visible, so the reviewer sees what was hidden and the
 * signal rules can scan it.
 */
export type HiddenKind =
  | "zero-width"
  | "unicode-tags"
  | "bidi-control"
  | "ansi-escape"
  | "html-comment"
  | "padding"
  | "base64"
  | "hex"
  | "homoglyph";

export type HiddenPart = { kind: HiddenKind; revealed: string };
export type NormalisedText = { text: string; hidden: HiddenPart[] };

const TAGS = /[\u{E0000}-\u{E007F}]+/gu;
const VARIATION_SMUGGLING = /[\u{E0100}-\u{E01EF}]+/gu;
// A zero-width joiner inside an emoji sequence (👩‍💻) is how those emoji are spelled, not hiding.
const EMOJI_ZWJ = /(\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;
const ZERO_WIDTH = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/g;
const ANY_ZERO_WIDTH = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const RLO_RUN = /\u202E([^\u202C\u2069]*)/g;
const ANSI = /\u001B(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])|\u009B[0-9;?]*[@-~]/g;
const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
// One greedy pass over whitespace runs; deciding in code keeps it linear (a lookahead here backtracks).
const WHITESPACE_RUN = /[ \t\u00A0\r\n]{8,}/g;
const isPadding = (run: string) => (run.match(/\n/g)?.length ?? 0) >= 8 || /[ \t\u00A0]{40,}/.test(run);
// Greedy and leftmost, so each match is a whole run; lookarounds here cost more than the rest together.
const BASE64 = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
const HEX = /(?:0x)?((?:[0-9A-Fa-f]{2}){16,})/g;

// A word that mixes Latin with letters of a script that has Latin look-alikes (Greek, Cyrillic,
// Armenian, Cherokee, Coptic, Lisu) reads as English to a model and slips past a reviewer's search:
// folding the look-alikes back lets every rule read what the model reads. Scripts without look-alikes
// (CJK, Arabic …) are left alone: a Chinese description writes "API" inside its words.
const LOOK_ALIKE_SCRIPTS = String.raw`\u0370-\u03FF\u0400-\u04FF\u0500-\u052F\u0530-\u058F\u13A0-\u13FF\u2C80-\u2CFF\uA4D0-\uA4FF`;
const MIXED_SCRIPT = new RegExp(`[A-Za-z][${LOOK_ALIKE_SCRIPTS}]|[${LOOK_ALIKE_SCRIPTS}][A-Za-z]`);
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  [..."аеорсхуіјѕԁһԛԝАВЕКМНОРСТХУІЈЅαοτνρκικΑΒΕΗΙΚΜΝΟΡΤΥΧΖօսոհզցաɡᎪᎬᎻᎢᏞᎷᏴⲟⲣⲥꓮꓰꓳꓑꓢꓔ"].map((c, i) => [
    c,
    "aeopcxyijsdhqwABEKMHOPCTXYIJSaotvpkikABEHIKMNOPTYXZounhqgwgAEHTLMBopcAEOPST"[i],
  ]),
);
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "g");

const visible = (s: string) =>
  s.replace(/[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E\u202A-\u202E\u2066-\u2069]/g, (c) => `⟨U+${hex4(c)}⟩`);
const hex4 = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");

/** Decoded text counts as hidden only if it reads as words: a JWT header or a digest does not. */
function readable(decoded: string): string | null {
  if (decoded.length < 12) return null;
  const printable = decoded.replace(/[^\x20-\x7E\n\t]/g, "").length;
  if (printable / decoded.length < 0.95) return null;
  return (decoded.match(/[A-Za-z]{2,}\s+/g)?.length ?? 0) >= 3 ? decoded : null;
}

function snippetAround(text: string, index: number) {
  return visible(text.slice(Math.max(0, index - 40), index + 80));
}

/** Unicode tag characters and supplementary variation selectors: invisible, and readable by a model. */
function smuggled(text: string, hidden: HiddenPart[]) {
  return text
    .replace(TAGS, (run) => {
      const revealed = [...run].map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join("");
      hidden.push({ kind: "unicode-tags", revealed });
      return " ";
    })
    .replace(VARIATION_SMUGGLING, (run) => {
      hidden.push({ kind: "unicode-tags", revealed: `${[...run].length} invisible variation selectors` });
      return "";
    });
}

export function normaliseText(raw: string): NormalisedText {
  const hidden: HiddenPart[] = [];
  let text = raw;

  // Each step runs only when its marker character is present: most descriptions are plain text.
  if (text.includes("\uDB40")) text = smuggled(text, hidden);
  if (text.includes("\u001B") || text.includes("\u009B")) {
    text = text.replace(ANSI, (seq, index: number) => {
      const after = text.slice(index + seq.length, index + seq.length + 100);
      hidden.push({ kind: "ansi-escape", revealed: `⟨ESC${seq.slice(1)}⟩ ${after}`.trim() });
      return "";
    });
  }

  const bidi = text.search(BIDI);
  if (bidi >= 0) {
    hidden.push({ kind: "bidi-control", revealed: snippetAround(text, bidi) });
    // Right-to-left override shows the run reversed: scan it the way the reader sees it too.
    text = text.replace(RLO_RUN, (m, run: string) => `${run} ${[...run].reverse().join("")}`).replace(BIDI, "");
  }

  if (ANY_ZERO_WIDTH.test(text)) {
    if (text.includes("\u200D")) text = text.replace(EMOJI_ZWJ, "$1\uE000");
    const zeroWidth = [...text.matchAll(ZERO_WIDTH)];
    if (zeroWidth.length) hidden.push({ kind: "zero-width", revealed: snippetAround(text, zeroWidth[0].index) });
    text = text.replace(ZERO_WIDTH, "").replace(/\uE000/g, "\u200D");
  }

  if (text.includes("<!--")) {
    text = text.replace(HTML_COMMENT, (_m, body: string) => {
      // One plain word ("<!-- comments -->", "<!-- TODO -->") names the syntax or marks a place; it
      // holds no message for the model to act on.
      if (body.trim() && !/^\s*[A-Za-z]+\s*$/.test(body)) hidden.push({ kind: "html-comment", revealed: body.trim() });
      return " ";
    });
  }

  text = text.replace(WHITESPACE_RUN, (run, index: number) => {
    const after = text.slice(index + run.length, index + run.length + 300);
    if (!after.trim() || !isPadding(run)) return run;
    hidden.push({ kind: "padding", revealed: `⟨${run.length} blank characters⟩ ${after}` });
    return " ";
  });

  if (MIXED_SCRIPT.test(text)) {
    text = text.replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]);
    hidden.push({ kind: "homoglyph", revealed: text.slice(0, 300) });
  }

  for (const m of text.matchAll(BASE64)) {
    const decoded = readable(Buffer.from(m[0].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("latin1"));
    if (decoded) hidden.push({ kind: "base64", revealed: decoded });
  }
  for (const m of text.matchAll(HEX)) {
    const decoded = readable(Buffer.from(m[1], "hex").toString("latin1"));
    if (decoded) hidden.push({ kind: "hex", revealed: decoded });
  }

  return { text: /[^\x00-\x7F]/.test(text) ? text.normalize("NFKC") : text, hidden };
}
