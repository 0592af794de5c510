import "@/lib/services/approvable-kinds";
import type { UserActor } from "@/lib/authz/actor";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";

const APPROVERS = ["approver@warden.local", "approver2@warden.local"];
/** Minutes from request to decision, as people take them: inside the tool call's 30-minute life (DEFAULT_TOOL_CALL_TTL_MINUTES). */
const WAIT_MINUTES = [4, 11, 7, 26, 3, 22, 15, 9, 19, 6, 18, 25, 12, 5];

/**
 * Two weeks of approval requests that people decided, so "Time to decision" has history on a fresh demo:
 * one HIGH-risk Salesforce update a working day, asked in office hours and voted on after a realistic
 * wait (every fifth one denied), through the same services the gateway and the console call.
 */
export async function seedDecidedApprovals(now = new Date()) {
  const simulator = systemActor("demo-simulator");
  const approvers: UserActor[] = (
    await db().user.findMany({ where: { email: { in: APPROVERS } }, orderBy: { email: "asc" } })
  ).map((u) => ({ type: "USER", id: u.id, email: u.email, name: u.name, roles: u.roles }));
  if (approvers.length === 0) return 0;
  let decided = 0;
  for (const [i, wait] of WAIT_MINUTES.entries()) {
    const day = Math.floor(now.getTime() / 86_400_000) - (WAIT_MINUTES.length - i);
    const askedAt = new Date(day * 86_400_000 + (9 + (i % 7)) * 3_600_000 + i * 60_000);
    const answer = await decideToolCall(
      simulator,
      {
        agent: "support-assistant",
        server: "salesforce-crm",
        tool: "update_record",
        arguments: { object: "Case", id: `500d${i}`, fields: { Status: "Closed" } },
        onBehalfOf: "alice@corp.example",
      },
      askedAt,
    );
    if (answer.decision !== "pending" || !answer.approvalId) continue;
    const decision = i % 5 === 4 ? "deny" : "approve";
    // Votes arrive a minute apart until the request settles (a two-person rule needs both approvers).
    for (const [n, approver] of approvers.entries()) {
      const votedAt = new Date(askedAt.getTime() + (wait + n) * 60_000);
      const vote = await voteOnRequest(approver, answer.approvalId, { decision, comment: "Demo decision" }, votedAt);
      if (vote.status !== "PENDING") break;
    }
    decided++;
  }
  return decided;
}
