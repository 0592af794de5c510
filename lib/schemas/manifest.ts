import { z } from "zod";
import { text } from "./safe-input";

/** One tool as MCP `tools/list` returns it. Unknown members are kept out of the hash on purpose. */
export const ZManifestTool = z.object({
  name: text()
    .trim()
    .min(1, "Tool name is required")
    .max(128)
    .regex(/^[A-Za-z0-9_.\-/]+$/, "Tool names use letters, digits, _ . - /"),
  title: text().max(200).optional(),
  description: text().max(10_000).default(""),
  inputSchema: z.looseObject({ type: z.literal("object", 'inputSchema.type must be "object"') }),
  outputSchema: z.looseObject({ type: z.literal("object", 'outputSchema.type must be "object"') }).optional(),
  annotations: z
    .looseObject({
      title: text().optional(),
      readOnlyHint: z.boolean().optional(),
      destructiveHint: z.boolean().optional(),
      idempotentHint: z.boolean().optional(),
      openWorldHint: z.boolean().optional(),
    })
    .optional(),
});
export type TManifestTool = z.infer<typeof ZManifestTool>;

/** The JSON result of MCP `tools/list`: `{ tools: [...] }`. */
export const ZToolManifest = z
  .object({ tools: z.array(ZManifestTool).max(1000, "At most 1000 tools per manifest") })
  .refine((m) => new Set(m.tools.map((t) => t.name)).size === m.tools.length, "Tool names must be unique");

/** Up to 1,000 tools with long descriptions and schemas: more than the default 1 MiB body. */
export const MANIFEST_MAX_BYTES = 8 * 1024 * 1024;
