import { z } from "zod";
import { ApprovalKind, ApprovalStatus } from "@/lib/generated/prisma/enums";
import { int, text } from "./safe-input";

/** The longest just-in-time access anyone may ask for. */
export const MAX_JIT_DAYS = 14;

export const ZVoteInput = z.object({
  decision: z.enum(["approve", "deny"], "Choose approve or deny"),
  comment: text().trim().max(2000).optional(),
});
export type TVoteInput = z.infer<typeof ZVoteInput>;

export const ZBreakGlassInput = z.object({
  justification: z
    .string()
    .trim()
    .min(20, "Write at least 20 characters: why this cannot wait for the approvers")
    .max(2000),
});
export type TBreakGlassInput = z.infer<typeof ZBreakGlassInput>;

export const ZAccessRequestInput = z.object({
  agentId: z.uuid("Choose an agent"),
  serverId: z.uuid("Choose a server"),
  tools: z.array(text().trim().min(1).max(128)).min(1, "Ask for at least one tool").max(50),
  durationHours: int(1, MAX_JIT_DAYS * 24, "Whole hours, at most " + `${MAX_JIT_DAYS} days`),
  justification: text().trim().min(10, "Explain why, in at least 10 characters").max(2000),
});
export type TAccessRequestInput = z.input<typeof ZAccessRequestInput>;

export const ZApprovalListQuery = z.object({
  view: z.enum(["inbox", "history", "mine"]).default("inbox"),
  status: z.enum(ApprovalStatus).optional(),
  kind: z.enum(ApprovalKind).optional(),
  /** One request, as a link names it: with the history view, whatever its status. */
  id: z.uuid().optional(),
});
export type TApprovalListQuery = z.input<typeof ZApprovalListQuery>;

/** A request's state as a gateway polls it (`GET /api/v1/approvals/{id}`); expiry already applied. */
export const ZApprovalState = z.object({
  id: z.string(),
  kind: z.enum(ApprovalKind),
  status: z.enum(ApprovalStatus),
  expiresAt: z.string(),
  policyVersion: z.string().nullable(),
  approvals: z.number().int(),
  requiredApprovals: z.number().int(),
  retryAfterSeconds: z.number().int().optional(),
});
export type ApprovalState = z.infer<typeof ZApprovalState>;
