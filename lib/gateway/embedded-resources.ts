import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { resourceCovered } from "@/lib/policy/resource-scope";
import { redactText } from "@/lib/redaction/redact";

/** What an agent reads in place of a resource its grants do not cover. */
export const RESOURCE_WITHHELD =
  "[Warden] A resource in this result was withheld: no grant of this agent covers its URI.";

/** URIs an audit record keeps of what was withheld: enough to see what happened, bounded like every attribute. */
const MAX_WITHHELD_LISTED = 20;

/**
 * A tool result may carry resources: embedded ones with their contents, and links naming a URI (Server
 * features › Tools › Embedded resources, Resource links:
 * https://modelcontextprotocol.io/specification/2025-11-25/server/tools#embedded-resources). Either way
 * the agent reaches a resource, so it must be one its grants' `allowedResources` cover, as for
 * `resources/read`. Any other is replaced by a notice, in place, and its URI goes to the audit record;
 * a URI that cannot be matched is covered by no pattern, so it is withheld too.
 */
export function withholdUngrantedResources(
  result: CallToolResult,
  patterns: () => string[],
): { result: CallToolResult; withheld: string[] } {
  const withheld: string[] = [];
  let covering: string[] | undefined;
  const content = (result.content ?? []).map((block) => {
    const uri = block.type === "resource" ? block.resource.uri : block.type === "resource_link" ? block.uri : null;
    if (uri === null || resourceCovered((covering ??= patterns()), uri)) return block;
    withheld.push(uri);
    return { type: "text" as const, text: RESOURCE_WITHHELD };
  });
  if (!withheld.length) return { result, withheld };
  return { result: { ...result, content }, withheld };
}

/** The withheld URIs as an audit attribute: how many, and the first few, cut and redacted (a signed URL carries a key). */
export const withheldAttribute = (withheld: string[]) => ({
  count: withheld.length,
  uris: withheld.slice(0, MAX_WITHHELD_LISTED).map((u) => redactText(u.slice(0, 2000))),
});
