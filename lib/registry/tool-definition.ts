import { canonicalJson } from "@/lib/crypto/canonical-json";
import type { TManifestTool } from "@/lib/schemas/manifest";

/** Everything a model reads of a tool: all of it is hashed, reviewed, diffed and scanned for poisoning. */
export type ToolDefinition = Pick<
  TManifestTool,
  "name" | "title" | "description" | "inputSchema" | "outputSchema" | "annotations"
>;

/**
 * The definition of a manifest tool or a stored one, normalised so both give the same value: the
 * title falls back to the annotations' title (as it is stored), absent members are left out.
 */
export function definitionOf(t: {
  name: string;
  title?: string | null;
  description: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}): ToolDefinition {
  const annotations = (t.annotations ?? undefined) as ToolDefinition["annotations"];
  return {
    name: t.name,
    title: t.title ?? annotations?.title ?? undefined,
    description: t.description,
    inputSchema: t.inputSchema as ToolDefinition["inputSchema"],
    outputSchema: (t.outputSchema ?? undefined) as ToolDefinition["outputSchema"],
    annotations,
  };
}

export type DefinitionChange = { field: keyof ToolDefinition; before: string; after: string };

const FIELDS: (keyof ToolDefinition)[] = ["name", "title", "description", "inputSchema", "outputSchema", "annotations"];

/** What changed between the approved definition and the new one, field by field, for review. */
export function diffDefinitions(before: ToolDefinition | null, after: ToolDefinition): DefinitionChange[] {
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? null, null, 2));
  return FIELDS.map((field) => ({ field, before: show(before?.[field]), after: show(after[field]) })).filter(
    (c) => canonicalJson(before?.[c.field] ?? null) !== canonicalJson(after[c.field] ?? null),
  );
}
