import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";

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
