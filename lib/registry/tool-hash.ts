import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { definitionOf, type ToolDefinition } from "./tool-definition";

/** sha256 over the canonical JSON of name, description, input schema and annotations. */
export function toolDefinitionHash(t: ToolDefinition): string {
  return createHash("sha256")
    .update(canonicalJson(definitionOf(t)))
    .digest("hex");
}
