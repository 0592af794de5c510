import { canonicalJson } from "@/lib/audit/canonical-json";
import type { TManifestTool } from "@/lib/schemas/manifest";

export type ToolDefinition = Pick<TManifestTool, "name" | "description" | "inputSchema" | "annotations">;

export function definitionOf(t: {
  name: string;
  description: string;
  inputSchema: unknown;
  annotations?: unknown;
}): ToolDefinition {
  return {
    name: t.name,
    description: t.description,
    inputSchema: t.inputSchema as ToolDefinition["inputSchema"],
    annotations: (t.annotations ?? undefined) as ToolDefinition["annotations"],
  };
}

export type DefinitionChange = { field: keyof ToolDefinition; before: string; after: string };

/** What changed between the approved definition and the new one, field by field, for review. */
export function diffDefinitions(before: ToolDefinition | null, after: ToolDefinition): DefinitionChange[] {
  const fields: (keyof ToolDefinition)[] = ["name", "description", "inputSchema", "annotations"];
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? null, null, 2));
  return fields
    .map((field) => ({ field, before: show(before?.[field]), after: show(after[field]) }))
    .filter((c) => canonicalJson(before?.[c.field] ?? null) !== canonicalJson(after[c.field] ?? null));
}
