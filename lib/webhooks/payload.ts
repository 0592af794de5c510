export const WEBHOOK_EVENTS = ["approval.requested", "approval.escalated", "approval.decided"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

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

/** The body a receiver gets: Warden's JSON, or a Slack-compatible message with the same facts. */
export function webhookBody(format: string, event: WebhookEvent, p: ApprovalPayload): unknown {
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
