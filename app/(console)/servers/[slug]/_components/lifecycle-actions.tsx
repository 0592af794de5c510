"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { BreakGlassButton } from "@/app/(console)/_components/break-glass-button";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/queries/api-client";
import { useChangeServerStatus } from "@/lib/queries/servers";
import type { ServerStatus } from "@/lib/generated/prisma/enums";
import type { TabProps } from "./types";
import { ConfirmButton } from "@/components/ui/confirm-button";

/**
 * Lifecycle moves and the registry requests waiting for approvers (a PROD activation, a tool change, a
 * held policy change), with an ADMIN's break-glass on each. With `danger`, only the destructive moves
 * (suspend: the server kill switch, retire), each behind its confirmation, in a "Danger zone" at the
 * bottom of the page, away from everyday actions.
 */
export function LifecycleActions({ server, danger = false }: Pick<TabProps, "server"> & { danger?: boolean }) {
  const change = useChangeServerStatus(server.slug);
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState("");
  const [needsOverride, setNeedsOverride] = useState(false);
  const actions = server.allowedTransitions.filter((a) => !!a.danger === danger);
  const pending = danger ? [] : (server.pendingRequests ?? []);
  if (actions.length === 0 && pending.length === 0) return null;

  const run = async (to: ServerStatus) => {
    try {
      await change.mutateAsync({
        status: to,
        reason: reason || undefined,
        overrideJustification: override || undefined,
      });
      toast.show(`Server is now ${to.replaceAll("_", " ")}`);
      setReason("");
      setOverride("");
      setNeedsOverride(false);
    } catch (e) {
      if (e instanceof ApiError && e.fields.overrideJustification) setNeedsOverride(true);
    }
  };

  const Frame = danger ? DangerZone : LifecycleCard;
  return (
    <Frame>
      {pending.map((r) => (
        <div
          key={r.id}
          className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid={`pending-${r.kind}`}
        >
          <span className="flex-1">
            Waiting for {r.requiredApprovals} approval{r.requiredApprovals === 1 ? "" : "s"}: {r.reason}.{" "}
            <Link className="underline" href={`/approvals?request=${r.id}`}>
              Open in Approvals
            </Link>
          </span>
          {server.canBreakGlass && <BreakGlassButton requestId={r.id} what={r.reason} />}
        </div>
      ))}
      <div className="flex flex-wrap items-end gap-3">
        {actions.some((a) => a.needsReason) && (
          <Field
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="min-w-72 flex-1"
          />
        )}
        {needsOverride && (
          <Field
            label="Override justification (readiness fails)"
            value={override}
            onChange={(e) => setOverride(e.target.value)}
            className="min-w-72 flex-1"
            hint="At least 20 characters. It is audited and shown on the server."
          />
        )}
        {actions.map((a) =>
          a.danger ? (
            <ConfirmButton
              key={a.to}
              title={`${a.label}: ${server.name}?`}
              description={
                a.to === "SUSPENDED"
                  ? "Every call to this server is denied from the next decision, for every agent, until it is reinstated."
                  : "The server leaves the registry's active life for good: no agent may call it again."
              }
              disabled={change.isPending}
              onConfirm={() => run(a.to)}
            >
              {a.label}
            </ConfirmButton>
          ) : (
            <Button key={a.to} variant="secondary" disabled={change.isPending} onClick={() => run(a.to)}>
              {a.label}
            </Button>
          ),
        )}
      </div>
    </Frame>
  );
}

const LifecycleCard = ({ children }: { children: ReactNode }) => <Card title="Lifecycle">{children}</Card>;

function DangerZone({ children }: { children: ReactNode }) {
  return (
    <section className="rounded-lg border border-red-300 bg-white shadow-sm" aria-labelledby="danger-zone">
      <header className="border-b border-red-200 px-4 py-3">
        <h2 id="danger-zone" className="text-sm font-semibold text-red-800">
          Danger zone
        </h2>
        <p className="text-xs text-slate-600">Each of these asks you to confirm first.</p>
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
