import type { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  const summary = Object.entries(fields)
    .map(([k, m]) => (k === "_" ? m : `${k}: ${m}`))
    .join("; ");
  throw new AppError("BAD_REQUEST", `Invalid ${what}: ${summary}`, fields);
}

export async function parseInput(req: Request, body?: z.ZodType, query?: z.ZodType) {
  let parsedBody: unknown;
  if (body) {
    let json: unknown;
    try {
      json = await req.json();
    } catch {
      throw new AppError("BAD_REQUEST", "The request body must be valid JSON");
    }
    parsedBody = parseWith(body, json, "request body");
  }
  let parsedQuery: unknown;
  if (query) {
    const params = Object.fromEntries(new URL(req.url).searchParams.entries());
    parsedQuery = parseWith(query, params, "query");
  }
  return { body: parsedBody, query: parsedQuery };
}
