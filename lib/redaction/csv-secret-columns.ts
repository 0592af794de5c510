/**
 * CSV (or TSV, `;`- or `|`-separated, psql- and markdown-style) text whose header names a secret column
 * (password, secret, token…): the spans of that column's values in the rows that follow. A header is a
 * line of at least two short, name-like cells; the rows are the lines after it with the same number of
 * cells (quoted cells may hold the delimiter), up to the first line that has not. Prose before the header
 * on its line (a message quoting the text) is not part of the first column's name.
 */
const DELIMITERS = [",", ";", "\t", "|"] as const;
const NAME = /^\s*["']?[A-Za-z_][\w .-]{0,40}["']?\s*$/;
// Text before a header on its line ("agent unknown: user,password,team"): its first cell ends in a name.
const FIRST_NAME = /(?:^|[\s:=>(\[{])\s*(["']?[A-Za-z_][\w.-]{0,40}["']?)\s*$/;
const RULE = /^[\s|+:=-]*$/;
const HINT = /pass|pwd|secret|token|api|access|auth|credential|private|cookie|ssn|card|cvv|connection|otp|mfa|dsn|pin/i;

type Cell = { start: number; end: number; text: string };

/** The cells of one line (from `start` in the text), honouring double quotes. */
function cells(text: string, start: number, end: number, delimiter: string): Cell[] {
  const out: Cell[] = [];
  let cellStart = start;
  let quoted = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i] : delimiter;
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && (!quoted || i === end)) {
      out.push({ start: cellStart, end: i, text: text.slice(cellStart, i) });
      cellStart = i + 1;
    }
  }
  return out;
}

export function csvSecretSpans(text: string, isSecretName: (name: string) => boolean): [number, number][] {
  const spans: [number, number][] = [];
  const lines: [number, number][] = [];
  for (let i = 0; i <= text.length;) {
    const nl = text.indexOf("\n", i);
    const end = nl === -1 ? text.length : nl;
    lines.push([i, end > i && text[end - 1] === "\r" ? end - 1 : end]);
    if (nl === -1) break;
    i = nl + 1;
  }
  for (let l = 0; l < lines.length - 1; l++) {
    const [start, end] = lines[l];
    // A header is short, and names a secret somewhere in it.
    if (end - start > 2000 || !HINT.test(text.slice(start, end))) continue;
    for (const d of DELIMITERS) {
      if (!text.slice(start, end).includes(d)) continue;
      const header = cells(text, start, end, d);
      const lead = header.length > 1 && !NAME.test(header[0].text) ? FIRST_NAME.exec(header[0].text) : null;
      if (lead) header[0] = { ...header[0], text: lead[1] };
      const names = header.map((c) => c.text.trim().replace(/^["']|["']$/g, ""));
      const secret = names.map((n, k) => NAME.test(header[k].text) && isSecretName(n));
      if (header.length < 2 || !secret.includes(true) || !header.every((c) => NAME.test(c.text) || !c.text.trim()))
        continue;
      for (let r = l + 1; r < lines.length; r++) {
        const [rs, re] = lines[r];
        if (RULE.test(text.slice(rs, re)) && text.slice(rs, re).trim()) continue; // a rule under the header
        const row = cells(text, rs, re, d);
        if (row.length !== header.length) break;
        row.forEach((c, k) => {
          const value = c.text.trim();
          if (secret[k] && value)
            spans.push([c.start + c.text.indexOf(value), c.start + c.text.indexOf(value) + value.length]);
        });
      }
      break;
    }
  }
  return spans;
}
