import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

export function Table({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        {children}
      </table>
    </div>
  );
}

export const Th = ({ className = "", ...p }: ThHTMLAttributes<HTMLTableCellElement>) => (
  <th
    scope="col"
    className={`px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase ${className}`}
    {...p}
  />
);

export const Td = ({ className = "", ...p }: TdHTMLAttributes<HTMLTableCellElement>) => (
  <td className={`px-3 py-2 align-top ${className}`} {...p} />
);
