"use client";

import { Button } from "@/components/ui/button";
import { useSecondOpinion } from "@/lib/queries/servers";

/** Asks the configured model gateway for an advisory opinion; the built-in detector still decides. */
export function SecondOpinionPanel({ toolId }: { toolId: string }) {
  const ask = useSecondOpinion();
  const o = ask.data;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="second-opinion">
      <Button size="sm" variant="secondary" onClick={() => ask.mutate(toolId)} disabled={ask.isPending}>
        {ask.isPending ? "Asking…" : "Ask the model gateway (advisory)"}
      </Button>
      {o?.status === "disabled" && <span>No model gateway is configured (POISONING_REVIEW_URL).</span>}
      {o?.status === "unavailable" && <span>Second opinion unavailable: {o.error}</span>}
      {o?.status === "ok" && (
        <span>
          {o.model} says <strong>{o.verdict}</strong>
          {o.confidence !== null ? ` (${Math.round(o.confidence * 100)}%)` : ""}: {o.reason}
          {o.cached ? " · cached for this definition" : ""}
        </span>
      )}
    </div>
  );
}
