import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/payload";

export const ZCreateWebhookInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80),
  url: z
    .string()
    .trim()
    .url("Enter an http(s) URL")
    .regex(/^https?:\/\//, "Enter an http(s) URL")
    .max(500),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event"),
  format: z.enum(["json", "slack"]).default("json"),
});
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookInput>;
