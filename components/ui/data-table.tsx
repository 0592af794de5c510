import type { HTMLAttributes, Key, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A column's heading: its text, or the attributes of its `<th>` when it needs more (width, a hidden label). */
export type Column = string | ThHTMLAttributes<HTMLTableCellElement>;

/** The heading of a column of row buttons: read out by screen readers, not shown. */
export const ACTIONS_COLUMN: Column = { children: <span className="sr-only">Actions</span> };

type RowProps = HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string };

type Props<T> = {
  label: string;
  /** `false` leaves a column out, so a view can show one only to those who may use it. */
  columns: (Column | false)[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowProps?: (row: T) => RowProps;
  /** Shown instead of the table when there are no rows; without it an empty table is still drawn. */
  empty?: ReactNode;
  /** A row's cells, each a `Td`. */
  children: (row: T) => ReactNode;
};

/** The console's one table: a labelled, scrollable grid of rows under a heading row. */
export function DataTable<T>({ label, columns, rows, rowKey, rowProps, empty, children }: Props<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        <thead>
          <tr>
            {columns.map((column, i) =>
              column === false ? null : typeof column === "string" ? (
                <Th key={i}>{column}</Th>
              ) : (
                <Th key={i} {...column} />
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {children(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Th = ({ className = "", ...p }: ThHTMLAttributes<HTMLTableCellElement>) => (
  <th
    scope="col"
    className={`px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase ${className}`}
    {...p}
  />
);

export const Td = ({ className = "", ...p }: TdHTMLAttributes<HTMLTableCellElement>) => (
  <td className={`px-3 py-2 align-top ${className}`} {...p} />
);
