import { z } from "zod";
import { jsonObject, text } from "./safe-input";
import { ZUserSource } from "./user-source";

/** What a gateway asks before a tool call. */
export const ZDecisionInput = z.object({
  agent: text().trim().min(1, "agent (client id) is required").max(120),
  server: text().trim().min(1, "server (slug) is required").max(63),
  tool: text().trim().min(1, "tool is required").max(128),
  arguments: jsonObject().default({}),
  onBehalfOf: text().trim().max(254).optional(),
  /** how the gateway knew onBehalfOf; a named user without it counts as asserted */
  userSource: ZUserSource.optional(),
  sessionId: text().trim().max(200).optional(),
  toolHash: text()
    .regex(/^[0-9a-f]{64}$/, "toolHash must be a sha256 hex digest")
    .optional(),
});
export type TDecisionInput = z.input<typeof ZDecisionInput>;

/** Warden's answer to a decision request, from the decision API and the gateway's sidecar alike. */
export const ZDecisionResponse = z.object({
  decision: z.enum(["allow", "deny", "pending"]),
  reasons: z.array(z.string()),
  decisionId: z.string(),
  policyVersion: z.string().nullable(),
  approvalId: z.string().optional().describe("when pending, or when an approval was consumed"),
  expiresAt: z.string().optional().describe("when pending"),
  retryAfterSeconds: z.number().int().optional(),
});
export type DecisionResponse = z.infer<typeof ZDecisionResponse>;
