import type { InputHTMLAttributes, ReactNode } from "react";
import { Labelled } from "./labelled";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: ReactNode };

/** A labelled input with its inline error. */
export function Field({ label, error, hint, className, ...input }: Props) {
  return (
    <Labelled label={label} error={error} hint={hint} className={className}>
      {(control, controlClass) => <input {...control} className={`${controlClass} text-sm`} {...input} />}
    </Labelled>
  );
}
