import { z } from "zod";
import { withoutSecrets } from "./credential";
import { text } from "./safe-input";

export const WEBHOOK_EVENTS = [
  "approval.requested",
  "approval.escalated",
  "approval.decided",
  "review.reminder",
  "audit.checkpoint",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** What a new webhook subscribes to unless told otherwise: a checkpoint a minute is for machines, not chat. */
export const DEFAULT_WEBHOOK_EVENTS: WebhookEvent[] = WEBHOOK_EVENTS.filter((e) => e !== "audit.checkpoint");

export const ZCreateWebhookInput = z.object({
  name: text().trim().min(1, "Enter a name").max(80),
  url: withoutSecrets(
    text(500)
      .trim()
      .url("Enter an http(s) URL")
      .regex(/^https?:\/\//, "Enter an http(s) URL"),
  ),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event"),
  format: z.enum(["json", "slack"]).default("json"),
});
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookInput>;
