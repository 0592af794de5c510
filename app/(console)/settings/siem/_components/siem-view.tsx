"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TargetHeading } from "@/app/(console)/settings/_components/target-heading";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { resetForm, useFormSubmit } from "@/lib/forms/use-form-submit";
import { fieldValues } from "@/lib/forms/form-values";
import { useCreateSiemTarget, useDeleteSiemTarget, useSiemTargets } from "@/lib/queries/siem";
import { describeOutboundReason } from "@/lib/net/outbound-reasons";
import { ZCreateSiemTargetInput } from "@/lib/schemas/siem";

export function SiemView() {
  const targets = useSiemTargets();
  const create = useCreateSiemTarget();
  const remove = useDeleteSiemTarget();
  const [kind, setKind] = useState("SPLUNK_HEC");
  const { errors, onSubmit: submit } = useFormSubmit(
    ZCreateSiemTargetInput,
    (f) => ({
      ...fieldValues(f, "name", "url", "startFrom"),
      kind,
      tokenEnv: kind === "SPLUNK_HEC" ? f.get("tokenEnv") : undefined,
      allEvents: f.get("scope") === "all",
    }),
    create.mutateAsync,
    resetForm,
  );
  return (
    <div className="space-y-6">
      <Card title="SIEM targets">
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          Audit events and signed checkpoints are forwarded in batches, at least once, from a durable cursor per target:
          a restart resumes where the last acknowledged batch ended, and each event keeps a stable <code>eventId</code>.
          A target that is down only grows its lag; ingestion and decisions never wait for it. A server&apos;s{" "}
          <code>siem_forward</code> routes its events to the target of that name. Splunk HEC acknowledges each batch;
          syslog over TCP has no receipt, so a syslog target counts events <em>sent</em>: accepted by a peer that stayed
          silent and closed cleanly (a peer that answers or hangs up early is no collector, and fails). Targets must be
          public addresses unless the deployment&apos;s <code>WARDEN_OUTBOUND_ALLOW</code> names them.
        </p>
        {targets.data?.length === 0 && <EmptyState title="No SIEM targets" />}
        <ul className="space-y-3">
          {targets.data?.map((t) => (
            <li key={t.id} className="rounded-md border border-slate-200 p-3" data-testid={`siem-${t.name}`}>
              <TargetHeading
                name={t.name}
                url={t.url}
                onDelete={() => remove.mutate(t.id)}
                badges={
                  <>
                    <Badge>{t.kind === "SPLUNK_HEC" ? "Splunk HEC" : "Syslog (RFC 5424, CEF)"}</Badge>
                    <Badge tone={t.allEvents ? "info" : "neutral"}>
                      {t.allEvents ? "all events" : "routed servers"}
                    </Badge>
                  </>
                }
              />
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs md:grid-cols-4">
                <div>
                  <dt className="text-slate-500">Lag</dt>
                  <dd data-testid="siem-lag">{t.lag} events</dd>
                </div>
                <div>
                  <dt className="text-slate-500">
                    {t.acknowledged ? "Delivered (acknowledged)" : "Sent (no receipt)"}
                  </dt>
                  <dd data-testid="siem-delivered">{t.deliveredCount}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t.acknowledged ? "Last delivery" : "Last sent"}</dt>
                  <dd>
                    <Timestamp value={t.lastDeliveredAt} empty="never" />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">Last error</dt>
                  <dd className={t.lastError ? "text-red-700" : ""}>
                    {t.lastError ? (
                      <>
                        {describeOutboundReason(t.lastError)} (<Timestamp value={t.lastErrorAt} empty="never" />, retry{" "}
                        <Timestamp value={t.nextAttemptAt} empty="never" />)
                      </>
                    ) : (
                      "none"
                    )}
                  </dd>
                </div>
              </dl>
              {!t.tokenSet && (
                <p className="mt-2 text-xs text-amber-700">The variable {t.tokenEnv} is not set on this server.</p>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a SIEM target">
        <form
          onSubmit={submit}
          noValidate
          className="grid grid-cols-1 gap-3 md:grid-cols-2"
          aria-label="New SIEM target"
        >
          <Field label="Name (what siem_forward names)" name="name" placeholder="splunk-prod" error={errors.name} />
          <SelectField
            label="Kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[
              { value: "SPLUNK_HEC", label: "Splunk HTTP Event Collector" },
              { value: "SYSLOG", label: "Syslog over TCP or TLS (RFC 5424, CEF)" },
            ]}
          />
          <Field
            label={kind === "SPLUNK_HEC" ? "HEC endpoint" : "Syslog address"}
            name="url"
            placeholder={
              kind === "SPLUNK_HEC" ? "https://splunk.corp:8088/services/collector/event" : "tls://siem.corp:6514"
            }
            error={errors.url}
          />
          {kind === "SPLUNK_HEC" && (
            <Field
              label="Token variable"
              name="tokenEnv"
              placeholder="WARDEN_SIEM_SPLUNK_TOKEN"
              hint="The token stays in the server's environment; only its variable name is stored."
              error={errors.tokenEnv}
            />
          )}
          <SelectField
            label="Events"
            name="scope"
            defaultValue="all"
            options={[
              { value: "all", label: "Every audit event" },
              { value: "routed", label: "Only servers whose siem_forward names this target" },
            ]}
          />
          <SelectField
            label="Start from"
            name="startFrom"
            defaultValue="now"
            options={[
              { value: "now", label: "New events from now on" },
              { value: "beginning", label: "The whole audit log" },
            ]}
          />
          <div>
            <Button type="submit" disabled={create.isPending}>
              Add target
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
