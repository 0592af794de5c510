import { stringify } from "csv-stringify/sync";

export type Cell = string | number | bigint | boolean | Date | null | undefined;

/**
 * Rows as CSV text, through csv-stringify. escape_formulas prefixes a quote to any cell that starts
 * with =, +, -, @, tab or CR, so a spreadsheet opening the export never runs a formula an attacker
 * slipped into an audited value (a tool name, an on-behalf-of user, an argument).
 */
export function csvRows(rows: Cell[][], header?: readonly string[]): string {
  return stringify(header ? [header as string[], ...rows] : rows, {
    escape_formulas: true,
    record_delimiter: "unix",
    cast: {
      date: (d) => d.toISOString(),
      boolean: (b) => (b ? "true" : "false"),
      bigint: (n) => n.toString(),
    },
  });
}
