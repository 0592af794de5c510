import type { TCheckpointAnchor } from "@/lib/schemas/checkpoint-anchor";
import type { WebhookEvent } from "@/lib/schemas/webhook";

export type ApprovalPayload = {
  id: string;
  kind: string;
  status: string;
  risk: string;
  server: string | null;
  tool: string | null;
  agent: string | null;
  requester: string;
  reason: string;
  expiresAt: string;
  link: string;
};

/** One per reviewer per day: how many items they still hold in a campaign, and when it is due. */
export type ReviewReminderPayload = {
  campaignId: string;
  period: string;
  reviewer: string;
  openItems: number;
  dueAt: string;
  stage: string;
  link: string;
};

export type WebhookPayload = ApprovalPayload | ReviewReminderPayload | TCheckpointAnchor;

/** The JSON body is the anchor itself, wrapped: stored as a file, it verifies with `audit:verify --anchors`. */
function checkpointBody(format: string, c: TCheckpointAnchor): unknown {
  if (format !== "slack") return { event: "audit.checkpoint", checkpoint: c };
  return { text: `Audit checkpoint #${c.sequence} signed by key ${c.keyId}: chain hash ${c.hash}` };
}

function reviewReminderBody(format: string, p: ReviewReminderPayload): unknown {
  if (format !== "slack") return { event: "review.reminder", reminder: p };
  const when = p.stage.startsWith("overdue") ? "is overdue" : `is due ${p.dueAt.slice(0, 10)}`;
  const text = `Access review ${p.period} ${when}: ${p.reviewer} has ${p.openItems} open item${p.openItems === 1 ? "" : "s"}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${text}\n<${p.link}|Open in Warden>` } }] };
}

/** The body a receiver gets: Warden's JSON, or a Slack-compatible message with the same facts. */
export function webhookBody(format: string, event: WebhookEvent, payload: WebhookPayload): unknown {
  if (event === "review.reminder") return reviewReminderBody(format, payload as ReviewReminderPayload);
  if (event === "audit.checkpoint") return checkpointBody(format, payload as TCheckpointAnchor);
  const p = payload as ApprovalPayload;
  if (format !== "slack") return { event, approval: p };
  const verb =
    event === "approval.requested"
      ? "needs approval"
      : event === "approval.escalated"
        ? "is still waiting (escalated)"
        : `was ${p.status.toLowerCase()}`;
  return {
    text: `[${p.risk}] ${p.kind.replaceAll("_", " ").toLowerCase()} ${p.server ?? ""}/${p.tool ?? ""} for ${p.agent ?? "?"} ${verb}`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${p.risk}* ${p.server ?? ""}/${p.tool ?? ""} ${verb}\nRequested by ${p.requester}: ${p.reason}\n<${p.link}|Open in Warden>`,
        },
      },
    ],
  };
}
