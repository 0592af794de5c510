"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateWebhookInput } from "@/lib/schemas/webhook";
import type { WebhookView } from "@/lib/services/webhooks/list-webhooks";
import { useApiMutation } from "./use-api-mutation";

export const webhookKeys = { all: ["webhooks"] as const };

export const useWebhooks = () =>
  useQuery({
    queryKey: webhookKeys.all,
    queryFn: () => apiFetch<WebhookView[]>("/api/console/webhooks"),
    refetchInterval: 10_000,
  });

export const useCreateWebhook = () =>
  useApiMutation(
    (input: TCreateWebhookInput) =>
      apiFetch<WebhookView & { secret: string }>("/api/console/webhooks", { body: input }),
    () => [webhookKeys.all],
  );

export const useDeleteWebhook = () =>
  useApiMutation(
    (id: string) => apiFetch(`/api/console/webhooks/${id}`, { method: "DELETE" }),
    () => [webhookKeys.all],
  );
