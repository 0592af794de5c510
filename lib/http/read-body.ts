import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";

/** Why a body was refused: each caller answers it in its own form (AppError, JSON-RPC error). */
export type BodyProblem = "too_large" | "unsupported_encoding" | "bad_encoding";

export class BodyError extends Error {
  constructor(
    readonly problem: BodyProblem,
    message: string,
    /** The byte limit the body passed (too_large). */
    readonly maxBytes?: number,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

export type BodyLimits = {
  /** Most bytes read off the wire, and, for a decoded body, most bytes it may inflate to. */
  maxBytes: number;
  /** The Content-Length the client declared, if any: one over the limit is refused before anything is read. */
  declaredLength?: string | null;
  /** The Content-Encoding header; only routes that pass `decode` look at it. */
  encoding?: string | null;
  /** Decode gzip bodies (refusing other encodings); off, the bytes are returned as sent. */
  decode?: "gzip";
};

const tooLarge = (maxBytes: number) => new BodyError("too_large", `The body is limited to ${maxBytes} bytes`, maxBytes);

/** Inflates within the limit: zlib stops at maxOutputLength, so a gzip bomb is never inflated whole. */
function gunzipWithin(body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new BodyError("bad_encoding", "The body is not valid gzip");
  }
}

function decoded(body: Buffer, limits: BodyLimits): Buffer {
  if (!limits.decode) return body;
  const encoding = limits.encoding?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return body;
  if (encoding !== "gzip") throw new BodyError("unsupported_encoding", `Unsupported content-encoding ${encoding}`);
  return gunzipWithin(body, limits.maxBytes);
}

/**
 * The one body reader of every HTTP edge (route handlers, the gateway's listener and sidecar): it stops
 * reading as soon as the body passes `maxBytes`, whether or not a Content-Length was sent, and refuses a
 * declared length over the limit before reading at all. Leaving the loop early releases the source.
 */
export async function readBody(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: BodyLimits,
): Promise<Buffer> {
  if (limits.declaredLength && Number(limits.declaredLength) > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limits.maxBytes) throw tooLarge(limits.maxBytes);
    parts.push(chunk);
  }
  return decoded(Buffer.concat(parts), limits);
}

/** A Web `Request`'s body as chunks; stopping early cancels the stream. */
async function* webChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** A route handler's body, within its limits. */
export const readRequestBody = (req: Request, limits: Omit<BodyLimits, "declaredLength" | "encoding">) =>
  readBody(webChunks(req.body), {
    ...limits,
    declaredLength: req.headers.get("content-length"),
    encoding: req.headers.get("content-encoding"),
  });

/**
 * A Node request's body, within its limits. The stream is left undestroyed when reading stops early,
 * so the caller can still answer on the socket (with `connection: close`, as `bodyRefusalHeaders` says).
 */
export const readIncomingBody = (req: IncomingMessage, limits: Omit<BodyLimits, "declaredLength" | "encoding">) =>
  readBody(req.iterator({ destroyOnReturn: false }), {
    ...limits,
    declaredLength: req.headers["content-length"],
    encoding: req.headers["content-encoding"],
  });

/** An answer to a body that was not read to its end closes the connection: the rest is never read. */
export const bodyRefusalHeaders = { connection: "close" } as const;
