import { z } from "zod";
import { RiskLevel } from "@/lib/generated/prisma/enums";
import { detectSecret, secretMessage } from "@/lib/redaction/secret-detector";

const argumentPath = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string()
    .trim()
    .max(200)
    .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "An argument name, or a dotted path like params.object")
    .nullable()
    .optional(),
);
import { text } from "./safe-input";

export const ZUpdateToolInput = z
  .object({
    enabled: z.boolean().optional(),
    requiresApproval: z.boolean().optional(),
    riskOverride: z.enum(RiskLevel).nullable().optional(),
    /** The reviewer's word on which argument (a dotted path) holds the object, the record limit, the query. */
    objectArgument: argumentPath,
    limitArgument: argumentPath,
    queryArgument: argumentPath,
    reason: text().trim().max(1000).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== "reason"), "Nothing to change")
  .refine((v) => !v.riskOverride || (v.reason && v.reason.length >= 3), {
    path: ["reason"],
    message: "Give a reason for the risk override",
  });
export type TUpdateToolInput = z.infer<typeof ZUpdateToolInput>;

export const ZSuspendInput = z.object({
  suspended: z.boolean(),
  reason: text().trim().min(3, "Give a reason").max(1000),
});
export type TSuspendInput = z.infer<typeof ZSuspendInput>;

export const ZReviewToolInput = z.object({
  /** The hash the reviewer saw: approving binds to exactly that definition. */
  definitionHash: text().regex(/^[0-9a-f]{64}$/, "Unknown definition hash"),
  /** Needed, and audited, when the definition is flagged as possible tool poisoning. */
  poisoningOverride: z
    .object({
      justification: text()
        .trim()
        .min(10, "Explain in a sentence why this definition is safe")
        .max(2000)
        .superRefine((value, ctx) => {
          const what = detectSecret(value);
          if (what) ctx.addIssue({ code: "custom", message: secretMessage(what), input: "[withheld]" });
        }),
    })
    .optional(),
});
export type TReviewToolInput = z.infer<typeof ZReviewToolInput>;

/** Bulk approval of low-risk tools' first reviews: each tool with the hash the admin saw, one justification for all. */
export const ZBulkReviewToolsInput = z.object({
  tools: z
    .array(z.object({ id: z.uuid("Unknown tool"), definitionHash: ZReviewToolInput.shape.definitionHash }))
    .min(1, "Choose at least one tool")
    .max(100, "Approve at most 100 tools at once")
    .refine((t) => new Set(t.map((x) => x.id)).size === t.length, "A tool is listed twice"),
  justification: text()
    .trim()
    .min(10, "Explain in a sentence why these tools are safe to approve")
    .max(2000)
    .superRefine((value, ctx) => {
      const what = detectSecret(value);
      if (what) ctx.addIssue({ code: "custom", message: secretMessage(what), input: "[withheld]" });
    }),
});
export type TBulkReviewToolsInput = z.input<typeof ZBulkReviewToolsInput>;
