import type { ReadSource } from "@/lib/db/replica";

export const READ_SOURCE_HEADER = "x-warden-read-source";

/**
 * A download's `readSource` (JSON answers carry it as a field) as a header: "replica; lag=42",
 * "primary; replica=behind; lag=95" or "primary; replica=unreachable". None without a replica.
 */
export function readSourceHeaders(source: ReadSource | null): Record<string, string> {
  if (!source) return {};
  const parts: string[] = [source.from];
  if (source.from === "primary") parts.push(`replica=${source.replica}`);
  if (source.lagSeconds !== null) parts.push(`lag=${source.lagSeconds}`);
  return { [READ_SOURCE_HEADER]: parts.join("; ") };
}
