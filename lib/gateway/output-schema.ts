import type { Tool } from "@modelcontextprotocol/sdk/types.js";

/**
 * A tool's output schema without the fields the agent's grant denies: the gateway masks them out of
 * results, and an SDK client checks `structuredContent` against the schema it listed, so a schema that
 * still required a masked field (or forbade extra ones) would make every masked result an error.
 */
export function maskOutputSchema(tool: Tool, denied: readonly string[]): Tool {
  if (!tool.outputSchema || denied.length === 0) return tool;
  const lower = new Set(denied.map((d) => d.toLowerCase()));
  const strip = (node: unknown, depth: number): unknown => {
    if (Array.isArray(node)) return node.map((n) => strip(n, depth + 1));
    if (!node || typeof node !== "object" || depth > 64) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && value && typeof value === "object" && !Array.isArray(value))
        out[key] = Object.fromEntries(
          Object.entries(value)
            .filter(([name]) => !lower.has(name.toLowerCase()))
            .map(([name, schema]) => [name, strip(schema, depth + 1)]),
        );
      else if (key === "required" && Array.isArray(value))
        out[key] = value.filter((name) => typeof name !== "string" || !lower.has(name.toLowerCase()));
      else out[key] = strip(value, depth + 1);
    }
    return out;
  };
  return { ...tool, outputSchema: strip(tool.outputSchema, 0) as Tool["outputSchema"] };
}
