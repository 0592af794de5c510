import { AppError, type ErrorBody } from "@/lib/errors";

const prismaCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;

/** Maps any thrown value to a JSON error response; unexpected errors never leak their details. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError) {
    const body: ErrorBody = { error: { code: appError.code, message: appError.message, fields: appError.fields } };
    return Response.json(body, { status: appError.status });
  }
  console.error("Unhandled error in route handler", error);
  return Response.json({ error: { code: "INTERNAL", message: "Internal error" } }, { status: 500 });
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const code = prismaCode(error);
  if (code === "P2002") return new AppError("CONFLICT", "A record with the same unique value already exists");
  if (code === "P2025") return new AppError("NOT_FOUND", "Not found");
  return undefined;
}
