import { useId, type ReactNode } from "react";

/** What a control needs from its label: its id, and whether it is in error and where the error is said. */
type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

type Props = {
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** Extra classes for the error line (a textarea's errors keep their line breaks). */
  errorClassName?: string;
  children: (control: ControlProps, controlClass: string) => ReactNode;
};

/** A label above one control, with its hint or inline error below, wired for screen readers. */
export function Labelled({ label, error, hint, className = "", errorClassName = "", children }: Props) {
  const id = useId();
  const control: ControlProps = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
  const controlClass = `mt-1 block w-full rounded-md border px-3 py-2 shadow-sm ${error ? "border-red-500" : "border-slate-300"}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(control, controlClass)}
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className={`mt-1 text-xs text-red-700 ${errorClassName}`} data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
