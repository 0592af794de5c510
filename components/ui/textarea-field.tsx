import type { TextareaHTMLAttributes } from "react";
import { Labelled } from "./labelled";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string };

export function TextareaField({ label, error, className, ...area }: Props) {
  return (
    <Labelled label={label} error={error} className={className} errorClassName="whitespace-pre-wrap">
      {(control, controlClass) => <textarea {...control} className={`${controlClass} font-mono text-xs`} {...area} />}
    </Labelled>
  );
}
