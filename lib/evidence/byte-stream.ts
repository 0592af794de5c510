/**
 * A pull-based byte stream over an async iterable: the next chunk is produced only when the client
 * has taken the previous one, so a slow download holds one page in memory, never the whole export.
 */
export function byteStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await it.next();
        if (next.done) return controller.close();
        controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** Headers for a file download that must not be cached or sniffed. */
export function downloadHeaders(filename: string, contentType: string): HeadersInit {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
