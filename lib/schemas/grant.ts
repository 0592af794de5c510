import { z } from "zod";
import { ZArgumentRules } from "./argument-rule";
import { MAX_RESOURCE_URI, resourcePatternProblem } from "./resource-pattern";
import { blankAsUndefined, date, int, text } from "./safe-input";

export const OPERATIONS = ["read", "query", "write", "delete", "admin"] as const;
/** What a tool does, as a grant allows it: "query" is a read through a query language. */
export type Operation = (typeof OPERATIONS)[number];

const names = z.array(text().trim().min(1).max(128)).max(500);
const resourcePatterns = z
  .array(
    text(MAX_RESOURCE_URI)
      .trim()
      .min(1)
      .superRefine((p, ctx) => {
        const problem = resourcePatternProblem(p);
        if (problem) ctx.addIssue({ code: "custom", message: `The resource pattern ${p.slice(0, 200)} ${problem}` });
      }),
  )
  .max(500);

export const ZCreateGrantInput = z
  .object({
    agentId: z.uuid("Choose an agent"),
    serverId: z.uuid("Choose a server"),
    allowedTools: names.min(1, 'Allow at least one tool ("*" for all, which is flagged)'),
    /** Resource URI patterns (lib/schemas/resource-pattern.ts) this grant covers; none when empty. */
    allowedResources: resourcePatterns.default([]),
    /** Prompt names, or `*` patterns as for tools, this grant covers; none when empty. */
    allowedPrompts: names.default([]),
    allowedOperations: z.array(z.enum(OPERATIONS)).min(1, "Allow at least one operation"),
    allowedObjects: names.default([]),
    deniedFields: names.default([]),
    maxRecords: z.preprocess((v) => (v === "" || v === null ? undefined : v), int(1, 1_000_000).optional()),
    argumentRules: ZArgumentRules.default([]),
    validFrom: blankAsUndefined(date()),
    expiresAt: blankAsUndefined(date()),
  })
  .refine((g) => !g.expiresAt || g.expiresAt > (g.validFrom ?? new Date()), {
    path: ["expiresAt"],
    message: "Expiry must be in the future and after the start",
  });
export type TCreateGrantInput = z.input<typeof ZCreateGrantInput>;

/** A live grant's resources and prompts, changed after creation: both lists, checked as at creation. */
export const ZGrantResourcesInput = z.object({
  allowedResources: resourcePatterns,
  allowedPrompts: names,
});
export type TGrantResourcesInput = z.input<typeof ZGrantResourcesInput>;

export const ZReasonInput = z.object({ reason: text().trim().min(3, "Give a reason").max(1000) });
export type TReasonInput = z.infer<typeof ZReasonInput>;

export const isWildcard = (tools: string[]) => tools.some((t) => t.includes("*"));
