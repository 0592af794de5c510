import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses a value with a schema, or throws a 400 AppError that names each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  const summary = Object.entries(fields)
    .map(([k, m]) => (k === "_" ? m : `${k}: ${m}`))
    .join("; ");
  throw new AppError("BAD_REQUEST", `Invalid ${what}: ${summary}`, fields);
}
