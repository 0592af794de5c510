import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BodyError, readBody, readRequestBody } from "./read-body";

const KB = 1024;

/** Chunks of `size` bytes, without end; counts how many were pulled. */
function endless(size: number) {
  const source = {
    pulled: 0,
    returned: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          source.pulled++;
          yield new Uint8Array(size).fill(0x61);
        }
      } finally {
        source.returned = true;
      }
    },
  };
  return source;
}

const problemOf = (p: Promise<unknown>) =>
  p.then(
    () => "read",
    (error: unknown) => (error instanceof BodyError ? error.problem : String(error)),
  );

describe("readBody", () => {
  it("stops at the limit when no Content-Length was sent, and releases the source", async () => {
    const source = endless(KB);
    expect(await problemOf(readBody(source, { maxBytes: 64 * KB }))).toBe("too_large");
    expect(source.pulled).toBe(65);
    expect(source.returned).toBe(true);
  });

  it("refuses a declared length over the limit before reading, and a body longer than it declared", async () => {
    const source = endless(KB);
    expect(await problemOf(readBody(source, { maxBytes: 64 * KB, declaredLength: String(65 * KB) }))).toBe("too_large");
    expect(source.pulled).toBe(0);
    const liar = endless(KB);
    expect(await problemOf(readBody(liar, { maxBytes: 64 * KB, declaredLength: "10" }))).toBe("too_large");
    expect(liar.pulled).toBe(65);
  });

  it("returns a body within the limit as sent, Content-Encoding ignored unless the caller decodes", async () => {
    const zipped = gzipSync("hello");
    expect((await readBody([zipped], { maxBytes: KB, encoding: "gzip" })).equals(zipped)).toBe(true);
    expect((await readBody([zipped], { maxBytes: KB, encoding: "gzip", decode: "gzip" })).toString()).toBe("hello");
    expect((await readBody([Buffer.from("a"), Buffer.from("b")], { maxBytes: 2 })).toString()).toBe("ab");
  });

  it("inflates gzip only up to the limit (a bomb is refused), and refuses other or broken encodings", async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * KB));
    expect(bomb.byteLength).toBeLessThan(64 * KB);
    expect(await problemOf(readBody([bomb], { maxBytes: 256 * KB, encoding: "gzip", decode: "gzip" }))).toBe(
      "too_large",
    );
    expect(await problemOf(readBody([Buffer.from("x")], { maxBytes: KB, encoding: "br", decode: "gzip" }))).toBe(
      "unsupported_encoding",
    );
    expect(await problemOf(readBody([Buffer.from("x")], { maxBytes: KB, encoding: "gzip", decode: "gzip" }))).toBe(
      "bad_encoding",
    );
  });

  it("reads a Web Request's stream and cancels it at the limit", async () => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled++;
        controller.enqueue(new Uint8Array(KB));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const req = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await problemOf(readRequestBody(req, { maxBytes: 16 * KB }))).toBe("too_large");
    expect(pulled).toBeLessThan(20);
    expect(cancelled).toBe(true);
    expect((await readRequestBody(new Request("http://x/"), { maxBytes: 1 })).byteLength).toBe(0);
  });
});
