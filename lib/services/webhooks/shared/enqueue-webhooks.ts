import { redactText } from "@/lib/redaction/redact";
import type { Tx } from "@/lib/db/tx";
import { env } from "@/lib/env";
import type { WebhookEvent } from "@/lib/schemas/webhook";
import type { ApprovalPayload } from "@/lib/webhooks/payload";
import { enqueueWebhookPayload } from "./enqueue-webhook-payload";

type RequestRow = {
  id: string;
  kind: string;
  status: string;
  risk: string;
  toolName: string | null;
  requesterLabel: string;
  reason: string;
  expiresAt: Date;
  server?: { slug: string } | null;
  agent?: { clientId: string } | null;
};

/**
 * Queues a delivery per subscribed webhook, in the caller's transaction: an approval event is never
 * lost, and delivery (with its retries) happens later, so it can never block or fail a decision.
 */
export async function enqueueWebhooks(tx: Tx, event: WebhookEvent, r: RequestRow) {
  const payload: ApprovalPayload = {
    id: r.id,
    kind: r.kind,
    status: r.status,
    risk: r.risk,
    server: r.server?.slug ?? null,
    tool: r.toolName,
    agent: r.agent?.clientId ?? null,
    requester: r.requesterLabel,
    // Receivers sit outside Warden: what a requester typed is redacted like every audit record.
    reason: redactText(r.reason),
    expiresAt: r.expiresAt.toISOString(),
    link: `${env().NEXTAUTH_URL ?? ""}/approvals?request=${r.id}`,
  };
  await enqueueWebhookPayload(tx, event, payload);
}
