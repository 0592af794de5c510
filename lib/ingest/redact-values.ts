import { redact } from "@/lib/redaction/redact";

/**
 * An ingested call's arguments, response and attributes, redacted by the one redaction module with the
 * server's denied fields as extra sensitive keys.
 */
export function redactArguments(value: unknown, deniedFields: string[]): unknown {
  return redact(value, deniedFields);
}
