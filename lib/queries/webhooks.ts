"use client";

import type { TCreateWebhookInput } from "@/lib/schemas/webhook";
import type { WebhookView } from "@/lib/services/webhooks/list-webhooks";
import { collectionHooks } from "./collection-hooks";

/** A created webhook answers with its signing secret, shown once. */
export const {
  keys: webhookKeys,
  useList: useWebhooks,
  useCreate: useCreateWebhook,
  useDelete: useDeleteWebhook,
} = collectionHooks<WebhookView, TCreateWebhookInput, WebhookView & { secret: string }>(
  "webhooks",
  "/api/console/webhooks",
  10_000,
);
