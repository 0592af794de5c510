import { z } from "zod";
import { RiskLevel } from "@/lib/generated/prisma/enums";
import { text } from "./safe-input";

export const ZUpdateToolInput = z
  .object({
    enabled: z.boolean().optional(),
    requiresApproval: z.boolean().optional(),
    riskOverride: z.enum(RiskLevel).nullable().optional(),
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
});
export type TReviewToolInput = z.infer<typeof ZReviewToolInput>;
