import type { ReactNode, TextareaHTMLAttributes } from "react";
import { Labelled } from "./labelled";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: ReactNode };

export function TextareaField({ label, error, hint, className, ...area }: Props) {
  return (
    <Labelled label={label} error={error} hint={hint} className={className} errorClassName="whitespace-pre-wrap">
      {(control, controlClass) => <textarea {...control} className={`${controlClass} font-mono text-xs`} {...area} />}
    </Labelled>
  );
}
