import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as csvParse } from "csv-parse/sync";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvRows } from "./csv";

const work = mkdtempSync(path.join(tmpdir(), "warden-csv-"));

// Characters that matter to CSV and to spreadsheets, mixed with ordinary and non-ASCII text.
const SPECIAL = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", ";", '"', "'", " ", "|", "!"];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) },
);
const cell = fc.array(piece, { maxLength: 10 }).map((p) => p.join(""));
// Each row starts with its index, so no row is blank (parsers differ on blank lines, Warden never writes one).
const table = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 })
  .map((rows) => rows.map((r, i) => [String(i), ...r]));

/** Three independent readers: csv-parse, Papa Parse, and Python's csv module (as Excel-like tools read). */
const readers: Record<string, (text: string) => string[][]> = {
  "csv-parse": (text) => csvParse(text, { relax_column_count: true }) as string[][],
  papaparse: (text) => {
    const out = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true });
    expect(out.errors).toEqual([]);
    return out.data;
  },
};
function pythonRead(texts: string[]): string[][][] {
  const file = path.join(work, `t-${Date.now()}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(texts));
  const py = spawnSync(
    "python3",
    [
      "-c",
      "import csv,io,json,sys; print(json.dumps([list(csv.reader(io.StringIO(t, newline=''))) for t in json.load(open(sys.argv[1]))]))",
      file,
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  expect(py.status, py.stderr).toBe(0);
  return JSON.parse(py.stdout) as string[][][];
}

const DANGEROUS_LINE_START = /(^|[\r\n])[=+\-@\t\r]/;
const withoutApostrophes = (s: string) => s.replaceAll("'", "");

function checkRoundTrip(input: string[][], read: string[][], reader: string) {
  expect(read.length, `${reader}: one record per row`).toBe(input.length);
  read.forEach((row, r) => {
    expect(row.length, `${reader}: row ${r} keeps its cells`).toBe(input[r].length);
    row.forEach((value, c) => {
      expect(DANGEROUS_LINE_START.test(value), `${reader}: ${JSON.stringify(value)} starts a line with a formula`).toBe(
        false,
      );
      // Only apostrophes were added, and only in front of a line start.
      expect(withoutApostrophes(value)).toBe(withoutApostrophes(input[r][c]));
      expect(value.length - input[r][c].length).toBeLessThanOrEqual(input[r][c].split(/[\r\n]/).length);
    });
  });
}

describe("csvRows", () => {
  it("keeps the record delimiter's attack in its cell: a bare CR then a formula", () => {
    const text = csvRows([["bob@corp.example\r=cmd|' /C calc'!A0", "x"]], ["onBehalfOf", "tool"]);
    expect(text).toBe(`onBehalfOf,tool\n"bob@corp.example\r'=cmd|' /C calc'!A0",x\n`);
    for (const [name, read] of Object.entries(readers))
      expect(read(text), name).toEqual([
        ["onBehalfOf", "tool"],
        ["bob@corp.example\r'=cmd|' /C calc'!A0", "x"],
      ]);
    expect(pythonRead([text])[0][1]).toEqual(["bob@corp.example\r'=cmd|' /C calc'!A0", "x"]);
  });

  it("quotes CR, LF, comma, quote, semicolon and TAB, and neutralises every line start", () => {
    const cells = [
      "a\rb",
      "a\nb",
      "a,b",
      'a"b',
      "a;b",
      "a\tb",
      "=1",
      "+1",
      "-1",
      "@x",
      "\tx",
      "\rx",
      "a\n=b",
      "a\r\n@b",
    ];
    const text = csvRows([cells]);
    expect(text).toBe(`"a\rb","a\nb","a,b","a""b","a;b","a\tb",'=1,'+1,'-1,'@x,"'\tx","'\rx","a\n'=b","a\r\n'@b"\n`);
  });

  it("round-trips random text through three CSV readers: only apostrophes added, no line starts a formula", () => {
    const samples = fc.sample(table, { numRuns: 300, seed: 20261207 });
    const texts = samples.map((rows) => csvRows(rows));
    const python = pythonRead(texts);
    samples.forEach((rows, i) => {
      for (const [name, read] of Object.entries(readers)) checkRoundTrip(rows, read(texts[i]), name);
      checkRoundTrip(rows, python[i], "python csv");
    });
    // And fresh draws on every run (bounded), beyond the fixed corpus above.
    fc.assert(
      fc.property(table, (rows) => {
        const text = csvRows(rows);
        for (const [name, read] of Object.entries(readers)) checkRoundTrip(rows, read(text), name);
      }),
      { numRuns: 300 },
    );
  });
});
