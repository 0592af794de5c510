import { useId, type TextareaHTMLAttributes } from "react";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string };

export function TextareaField({ label, error, className = "", ...area }: Props) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-xs shadow-sm ${error ? "border-red-500" : "border-slate-300"}`}
        {...area}
      />
      {error && (
        <p className="mt-1 text-xs whitespace-pre-wrap text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
