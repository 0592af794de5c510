import type { InputHTMLAttributes, ReactNode } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode };

/** A checkbox with its label beside it (the label names it), and an optional line below saying more. */
export function Checkbox({ label, hint, className = "", ...input }: Props) {
  if (hint === undefined)
    return (
      <label className={`flex items-center gap-2 ${className}`}>
        <input type="checkbox" {...input} />
        {label}
      </label>
    );
  return (
    <label className={`flex items-start gap-2 ${className}`}>
      <input type="checkbox" className="mt-0.5" {...input} />
      <span>
        {label}
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}
