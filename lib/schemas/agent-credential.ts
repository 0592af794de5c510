import { z } from "zod";

export const ZIssueAgentCredentialInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80).default("gateway"),
});
export type TIssueAgentCredentialInput = z.input<typeof ZIssueAgentCredentialInput>;

/** A credential as the console lists it: never the secret, nor its hash. */
export type AgentCredentialView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
};
