import { z } from "zod";
import { AppError } from "@/lib/errors";
import { bodyAppError } from "@/lib/http/body-app-error";
import { readRequestBody } from "@/lib/http/read-body";
import { parseWith } from "@/lib/schemas/parse";
import { isJsonMediaType, mediaTypeOf, parseJsonBody, utf8Body } from "@/lib/schemas/json-body";
import { isUuid, textProblem } from "@/lib/schemas/safe-input";
import { ZSlug } from "@/lib/schemas/team";

/** JSON bodies above this are refused before they are read; routes that take more say so. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type TextBody = { maxBytes: number; types: readonly string[] };

const mediaType = (req: Request) => mediaTypeOf(req.headers.get("content-type"));

/** Reads the body as UTF-8, stopping (413) as soon as it passes maxBytes, whatever Content-Length claimed. */
async function readText(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readRequestBody(req, { maxBytes }).catch((error: unknown) => {
    throw bodyAppError(error);
  });
  return utf8Body(bytes);
}

/** A JSON body: the right media type, within its size, parseable, not too deep, no unstorable text. */
export async function readJsonBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonMediaType(mediaType(req)))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  return parseJsonBody(await readText(req, maxBytes));
}

/** A text body (NDJSON and the like) of one of the route's media types, within its size. */
export async function readTextBody(req: Request, options: TextBody): Promise<{ text: string; contentType: string }> {
  const type = mediaType(req);
  if (!options.types.includes(type))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as one of: ${options.types.join(", ")}`);
  return { text: await readText(req, options.maxBytes), contentType: type };
}

export function parseQuery(req: Request, schema: z.ZodType): unknown {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  for (const [key, value] of Object.entries(params)) {
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) throw new AppError("BAD_REQUEST", `Invalid query: ${key} ${problem}`, { [key]: problem });
  }
  return parseWith(schema, params, "query");
}

const ZUuidParam = z.string().refine(isUuid);
/** Servers are addressed by slug or id. */
const ZSlugParam = z.union([ZSlug, ZUuidParam]);
const ZOtherParam = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => textProblem(s) === null);

const defaultParamSchema = (name: string) =>
  name === "id" || name.endsWith("Id") ? ZUuidParam : name === "slug" ? ZSlugParam : ZOtherParam;

/**
 * Path parameters, checked before any handler runs: an id that is not a UUID, or a slug that is not a
 * slug, names nothing, so it is a 404 here rather than a database error later.
 */
export async function parseParams(
  context: { params: Promise<Record<string, string | string[]>> } | undefined,
  overrides: Record<string, z.ZodType<string>> = {},
): Promise<Record<string, string>> {
  const raw = (await context?.params) ?? {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const joined = Array.isArray(value) ? value.join("/") : value;
    const parsed = (overrides[name] ?? defaultParamSchema(name)).safeParse(joined);
    if (!parsed.success) throw new AppError("NOT_FOUND", "Not found");
    params[name] = parsed.data;
  }
  return params;
}
