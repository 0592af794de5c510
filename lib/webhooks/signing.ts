import { createHmac, hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/** The webhook's signing secret, derived (never stored): the receiver is given it once, at creation. */
export function webhookSecret(webhookId: string): string {
  return (
    "whsec_" +
    Buffer.from(hkdfSync("sha256", authSecret(), "warden-webhooks", `webhook:${webhookId}`, 32)).toString("base64url")
  );
}

/** `X-Warden-Signature: sha256=<hex>` over "<timestamp>.<body>", so a receiver can also reject replays. */
export function signWebhook(webhookId: string, timestamp: number, body: string): string {
  return "sha256=" + createHmac("sha256", webhookSecret(webhookId)).update(`${timestamp}.${body}`).digest("hex");
}
