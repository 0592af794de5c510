export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name (dotted path) -> message, for inline form errors. */
export type FieldErrors = Record<string, string>;

/** One problem in a batch (ingest): which item, which field, what is wrong. */
export type ItemError = { index: number; field: string; message: string };

/** The one error type services throw; withRoute turns it into a status and a JSON body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Per-item errors of a batch, answered beside `error` as `errors`. */
    readonly items?: ItemError[],
    /** Seconds to wait before retrying (429, 503), sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Every error Warden's API answers has this shape. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors }; errors?: ItemError[] };
