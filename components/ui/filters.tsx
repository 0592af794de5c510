/** The look of a filter bar's controls; `compact` fits one into a card's header. */
export const filterControl = (compact = false) =>
  `rounded-md border border-slate-300 bg-white px-2 ${compact ? "py-1" : "py-1.5"} text-sm`;

type Option = { value: string; label: string };

/** A filter's drop-down, named by its label (there is no visible one); `all` labels the empty choice. */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
  all,
  compact,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  all?: string;
  compact?: boolean;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={filterControl(compact)}
    >
      {all !== undefined && <option value="">{all}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A free-text filter, applied on Enter or when the field is left rather than on every keystroke. */
export function FilterInput({
  label,
  placeholder = label,
  defaultValue,
  onCommit,
  className = "",
  compact,
}: {
  label: string;
  placeholder?: string;
  defaultValue: string;
  onCommit: (value: string) => void;
  className?: string;
  compact?: boolean;
}) {
  return (
    <input
      aria-label={label}
      placeholder={placeholder}
      defaultValue={defaultValue}
      onBlur={(e) => onCommit(e.currentTarget.value)}
      onKeyDown={(e) => e.key === "Enter" && onCommit(e.currentTarget.value)}
      className={`${filterControl(compact)} ${className}`}
    />
  );
}
