import { hashCanonical } from "@/lib/crypto/sha256";
import { definitionOf, type ToolDefinition } from "./tool-definition";

/**
 * sha256 over the canonical JSON of the whole definition: name, title, description, input and output
 * schemas and annotations. A change to any of them is a new definition that needs review.
 */
export function toolDefinitionHash(t: Parameters<typeof definitionOf>[0]): string {
  return hashCanonical(definitionOf(t));
}

/** The hash before title and output schema were covered: only to recognise rows stored by it. */
export function legacyToolDefinitionHash(
  t: Pick<ToolDefinition, "name" | "description" | "inputSchema" | "annotations">,
) {
  const { name, description, inputSchema, annotations } = t;
  return hashCanonical({ name, description, inputSchema, annotations: annotations ?? undefined });
}
