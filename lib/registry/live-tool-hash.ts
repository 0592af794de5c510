import { ZManifestTool } from "@/lib/schemas/manifest";
import { definitionOf } from "./tool-definition";
import { toolDefinitionHash } from "./tool-hash";

/**
 * The definition hash of a tool exactly as `tools/list` returned it, computed as a manifest import
 * computes it, so a gateway's live hash and the approved hash compare like for like. Null when the
 * definition is not a valid tool (it can never match an approval).
 */
export function liveToolHash(tool: unknown): string | null {
  const parsed = ZManifestTool.safeParse(tool);
  return parsed.success ? toolDefinitionHash(definitionOf(parsed.data)) : null;
}
