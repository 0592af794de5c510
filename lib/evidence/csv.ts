import { stringify } from "csv-stringify/sync";

export type Cell = string | number | bigint | boolean | Date | null | undefined;

/**
 * A line start inside a cell: the cell's start, or just after any CR or LF (a bare CR is a line break to
 * Excel, LibreOffice and Python's csv when it escapes quoting). A formula character there (= + - @), a
 * TAB or a CR gets a leading apostrophe, so no spreadsheet ever reads a line of an export as a formula.
 */
const FORMULA_AT_LINE_START = /(?<=^|[\r\n])(?=[=+\-@\t\r])/g;

/** Cells holding any of these are quoted: record delimiters, the field delimiter, quotes, `;` and TAB. */
const NEEDS_QUOTES = /[\r\n,";\t]/;

export const neutraliseFormulas = (s: string) => s.replace(FORMULA_AT_LINE_START, "'");

/**
 * Rows as CSV text: the one CSV writer of every export and evidence pack, through csv-stringify. Text is
 * neutralised at every line start and quoted whenever it holds a CR, LF, comma, quote, `;` or TAB, so an
 * audited value (an on-behalf-of user, a review justification, a tool name) can neither start a new row
 * nor run as a formula.
 */
export function csvRows(rows: Cell[][], header?: readonly string[]): string {
  return stringify(header ? [header as string[], ...rows] : rows, {
    record_delimiter: "unix",
    quoted_match: NEEDS_QUOTES,
    cast: {
      string: neutraliseFormulas,
      date: (d) => d.toISOString(),
      boolean: (b) => (b ? "true" : "false"),
      bigint: (n) => n.toString(),
    },
  });
}
