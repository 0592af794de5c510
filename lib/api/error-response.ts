import { AppError, type ErrorBody } from "@/lib/errors";

const NO_STORE = { "cache-control": "no-store" };

type Coded = { code?: unknown; meta?: unknown; cause?: unknown; originalCode?: unknown };

const prismaCode = (error: unknown): string | undefined => {
  const code = (error as Coded | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
};

/** The PostgreSQL SQLSTATE behind an error, wherever the driver adapter or Prisma put it. */
function sqlState(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as Coded;
  // Prisma's own code (P2010) sits where a driver puts SQLSTATE: only look past it.
  const own = depth === 0 && prismaCode(error) ? undefined : e.code;
  for (const candidate of [e.originalCode, own])
    if (typeof candidate === "string" && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
  return sqlState(e.meta, depth + 1) ?? sqlState(e.cause, depth + 1) ?? sqlState((e.meta as Coded)?.cause, depth + 1);
}

const invalid = () =>
  new AppError("BAD_REQUEST", "A value in the request cannot be stored (wrong type, format or range)");
const missingReference = () =>
  new AppError("UNPROCESSABLE", "The request refers to a record that does not exist (or can no longer be changed)");
const conflict = () => new AppError("CONFLICT", "A record with the same unique value already exists");
const busy = () => new AppError("CONFLICT", "The record changed at the same time; try again");

/**
 * The one place where database errors become statuses. Bad input that slipped past validation is a 4xx
 * with a generic message (never the database's, which may quote values); only the unknown is a 500.
 */
function fromDatabase(error: unknown): AppError | undefined {
  switch (prismaCode(error)) {
    case "P2002":
      return conflict();
    case "P2025":
    case "P2001":
      return new AppError("NOT_FOUND", "Not found");
    case "P2003":
    case "P2014":
      return missingReference();
    case "P2000":
    case "P2005":
    case "P2006":
    case "P2007":
    case "P2009":
    case "P2011":
    case "P2012":
    case "P2019":
    case "P2020":
    case "P2023":
      return invalid();
    case "P2034":
      return busy();
  }
  const state = sqlState(error);
  if (!state) return undefined;
  if (state === "23505") return conflict();
  if (state === "23503" || state === "23001") return missingReference();
  if (state.startsWith("22") || state === "23502" || state === "23514") return invalid();
  if (state === "40001" || state === "40P01") return busy();
  return undefined;
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  return fromDatabase(error);
}

/** Maps any thrown value to a JSON error response; unexpected errors never leak their details. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError) {
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, fields: appError.fields },
      ...(appError.items ? { errors: appError.items } : {}),
    };
    const headers = new Headers(NO_STORE);
    if (appError.retryAfterSeconds) headers.set("retry-after", String(appError.retryAfterSeconds));
    return Response.json(body, { status: appError.status, headers });
  }
  console.error("Unhandled error in route handler", error);
  return Response.json({ error: { code: "INTERNAL", message: "Internal error" } }, { status: 500, headers: NO_STORE });
}
