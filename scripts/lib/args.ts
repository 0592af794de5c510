import { parseArgs } from "node:util";

export function args<T extends Record<string, { type: "string" | "boolean"; multiple?: boolean }>>(options: T) {
  return parseArgs({ options, strict: true, allowPositionals: false }).values;
}
