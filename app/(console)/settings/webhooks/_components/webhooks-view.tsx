"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TargetHeading } from "@/app/(console)/settings/_components/target-heading";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useCreateWebhook, useDeleteWebhook, useWebhooks } from "@/lib/queries/webhooks";
import { DEFAULT_WEBHOOK_EVENTS, WEBHOOK_EVENTS, ZCreateWebhookInput } from "@/lib/schemas/webhook";
import { describeOutboundReason } from "@/lib/net/outbound-reasons";

const TONE = { DELIVERED: "success", PENDING: "warning", FAILED: "danger" } as const;

export function WebhooksView() {
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();
  const [events, setEvents] = useState<string[]>([...DEFAULT_WEBHOOK_EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateWebhookInput,
    (f) => ({ ...fieldValues(f, "name", "url", "format"), events }),
    create.mutateAsync,
    (created, form) => {
      setSecret(created.secret);
      form.reset();
    },
  );
  return (
    <div className="space-y-6">
      <Card title="Outgoing webhooks">
        <p className="mb-3 max-w-2xl text-sm text-slate-600">
          Warden posts new, escalated and decided approval requests, signed with HMAC-SHA256 (
          <code>X-Warden-Signature</code> over <code>timestamp.body</code>). Failed deliveries are retried with backoff;
          they never hold up a decision.
        </p>
        {secret && (
          <div className="mb-4 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200" role="status">
            <p className="font-medium">Signing secret, shown once:</p>
            <code className="mt-1 block break-all font-mono text-xs" data-testid="webhook-secret">
              {secret}
            </code>
            <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
              I have copied it
            </Button>
          </div>
        )}
        {hooks.data?.length === 0 && <EmptyState title="No webhooks" />}
        <ul className="space-y-4">
          {hooks.data?.map((h) => (
            <li key={h.id} className="rounded-md border border-slate-200 p-3" data-testid={`webhook-${h.name}`}>
              <TargetHeading
                name={h.name}
                url={h.url}
                badges={<Badge>{h.format}</Badge>}
                onDelete={() => remove.mutate(h.id)}
              />
              <ul className="mt-2 space-y-1 text-xs">
                {h.deliveries.length === 0 && <li className="text-slate-500">No deliveries yet</li>}
                {h.deliveries.map((d) => (
                  <li key={d.id} className="flex flex-wrap gap-2">
                    <Badge tone={TONE[d.status]}>{d.status}</Badge>
                    <span>{d.event}</span>
                    <span className="text-slate-500">
                      <Timestamp value={d.createdAt} />
                    </span>
                    <span className="text-slate-500">
                      {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                      {d.lastError ? `, last: ${describeOutboundReason(d.lastError)}` : ""}
                      {d.status === "PENDING" && d.attempts > 0 && (
                        <>
                          , next <Timestamp value={d.nextAttemptAt} />
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a webhook">
        <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label="New webhook">
          <Field label="Name" name="name" error={errors.name} />
          <Field label="URL" name="url" placeholder="https://hooks.slack.com/services/…" error={errors.url} />
          <SelectField
            label="Format"
            name="format"
            defaultValue="json"
            options={[
              { value: "json", label: "Warden JSON" },
              { value: "slack", label: "Slack-compatible" },
            ]}
            error={errors.format}
          />
          <CheckboxGroup
            legend="Events"
            value={events}
            onChange={setEvents}
            options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: e }))}
            error={errors.events}
          />
          <div>
            <Button type="submit" disabled={create.isPending}>
              Add webhook
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
