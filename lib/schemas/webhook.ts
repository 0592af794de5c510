import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/payload";
import { withoutSecrets } from "./credential";
import { text } from "./safe-input";

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
