import { AppError } from "@/lib/errors";
import { jsonProblem } from "./safe-input";

/** application/json, or any application/…+json. */
export const isJsonMediaType = (type: string) =>
  type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);

/** The media type of a Content-Type header, without parameters, lower case. */
export const mediaTypeOf = (contentType: string | null | undefined) =>
  (contentType ?? "").split(";")[0].trim().toLowerCase();

/** A body's bytes as UTF-8 text (400 otherwise). */
export function utf8Body(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be UTF-8 text");
  }
}

/**
 * A body's text as JSON: parseable, not too deep, no text that cannot be stored. Every JSON edge
 * (Warden's routes, the gateway's /v1/decide) answers a bad body with these same 400s.
 */
export function parseJsonBody(raw: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be valid JSON");
  }
  const problem = jsonProblem(json);
  if (problem)
    throw new AppError("BAD_REQUEST", `Invalid request body: ${problem.message}`, {
      [problem.path || "_"]: problem.message,
    });
  return json;
}
