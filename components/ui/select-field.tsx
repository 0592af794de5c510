import { useId, type SelectHTMLAttributes } from "react";
import { enumLabel } from "@/lib/schemas/enum-labels";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  placeholder?: string;
};

export function SelectField({ label, options, error, placeholder, className = "", ...select }: Props) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${error ? "border-red-500" : "border-slate-300"}`}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="mt-1 text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Options for an enum's values, labelled as people read them ("SELF_HOSTED" -> "Self-hosted"). */
export const enumOptions = (values: readonly string[]) => values.map((value) => ({ value, label: enumLabel(value) }));
