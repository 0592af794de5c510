import { AppError } from "@/lib/errors";
import { BodyError } from "./read-body";

/**
 * A body the reader refused, as the AppError Warden's API (and the gateway's /v1/decide, which answers
 * alike) sends: 413 over the limit, 400 for an encoding it cannot or will not decode. `what` names the
 * body in the 413 message ("An export request").
 */
export function bodyAppError(error: unknown, what = "The body"): unknown {
  if (!(error instanceof BodyError)) return error;
  if (error.problem === "too_large")
    return new AppError("PAYLOAD_TOO_LARGE", `${what} is limited to ${error.maxBytes} bytes`);
  return new AppError("BAD_REQUEST", error.message);
}
