import { z } from "zod";

/** What a gateway asks before a tool call. */
export const ZDecisionInput = z.object({
  agent: z.string().trim().min(1, "agent (client id) is required").max(120),
  server: z.string().trim().min(1, "server (slug) is required").max(63),
  tool: z.string().trim().min(1, "tool is required").max(128),
  arguments: z.record(z.string(), z.unknown()).default({}),
  onBehalfOf: z.string().trim().max(254).optional(),
  sessionId: z.string().trim().max(200).optional(),
  toolHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "toolHash must be a sha256 hex digest")
    .optional(),
});
export type TDecisionInput = z.input<typeof ZDecisionInput>;

export type DecisionResponse = {
  decision: "allow" | "deny" | "pending";
  reasons: string[];
  decisionId: string;
  policyVersion: string | null;
  approvalId?: string;
  expiresAt?: string;
  retryAfterSeconds?: number;
};
