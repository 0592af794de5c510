import type { SelectHTMLAttributes } from "react";
import { Labelled } from "./labelled";
import { enumLabel } from "@/lib/schemas/enum-labels";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  placeholder?: string;
};

export function SelectField({ label, options, error, placeholder, className, ...select }: Props) {
  return (
    <Labelled label={label} error={error} className={className}>
      {(control, controlClass) => (
        <select {...control} className={`${controlClass} bg-white text-sm`} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** Options for an enum's values, labelled as people read them ("SELF_HOSTED" -> "Self-hosted"). */
export const enumOptions = (values: readonly string[]) => values.map((value) => ({ value, label: enumLabel(value) }));
