import { can } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** Separation of duties: why this person may not vote on this request, or null if they may. */
export function voteBarrier(
  voter: { id: string; email: string; roles: readonly Role[] },
  request: {
    requesterUserId: string | null;
    onBehalfOf: string | null;
    /** how onBehalfOf was known: only a verified user is bound by the no-self-approval rule */
    userSource?: string | null;
    agentOwnerId: string | null;
    agentRegistrantId?: string | null;
  },
): string | null {
  if (!can({ type: "USER", roles: voter.roles }, "approvals.vote")) return "Only users with the APPROVER role may vote";
  if (request.requesterUserId === voter.id) return "You cannot approve your own request";
  // A user named by an agent (asserted) is the agent's word: it must not take an approver's vote away.
  if (request.userSource === "verified" && request.onBehalfOf?.toLowerCase() === voter.email.toLowerCase())
    return "You cannot approve your own request: the call is made on your behalf";
  if (request.agentOwnerId === voter.id) return "You own the requesting agent, so you cannot approve its requests";
  if (request.agentRegistrantId === voter.id)
    return "You registered the requesting agent, so you cannot approve its requests";
  return null;
}
