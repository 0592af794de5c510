"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useRef, useState, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useDecide } from "@/lib/queries/reviews";
import type { TGrantNarrowing } from "@/lib/schemas/review";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";
import { AssignmentNote, Entitlement, Recommendations, subjectOf } from "./item-facts";
import { ModifyForm } from "./modify-form";
import { Sparkline } from "./sparkline";

type Decision = "CERTIFY" | "REVOKE" | "MODIFY";

/**
 * One item to decide. Keyboard: c certify, r revoke, m modify, j/k next and previous item; the
 * justification box takes the focus when a decision needs one.
 */
export function ReviewItemCard({
  item,
  onMove,
  certifyNeedsJustification = true,
}: {
  item: Jsonified<ReviewItemRow>;
  onMove: (el: HTMLElement, dir: 1 | -1) => void;
  /** the review settings may let a reviewer certify without one */
  certifyNeedsJustification?: boolean;
}) {
  const decide = useDecide();
  const toast = useToast();
  const [justification, setJustification] = useState("");
  const [modifying, setModifying] = useState(false);
  const [changes, setChanges] = useState<TGrantNarrowing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const label = subjectOf(item);

  const submit = async (decision: Decision) => {
    if (justification.trim().length < 3 && (decision !== "CERTIFY" || certifyNeedsJustification)) {
      setError("Give a justification first");
      box.current?.focus();
      return;
    }
    if (decision === "MODIFY" && (!changes || Object.keys(changes).length === 0)) {
      setError("Choose what to narrow");
      return;
    }
    setError(null);
    await decide.mutateAsync({
      id: item.id,
      decision,
      justification,
      ...(decision === "MODIFY" ? { changes: changes! } : {}),
    });
    toast.show(`${decision === "CERTIFY" ? "Certified" : decision === "REVOKE" ? "Revoked" : "Narrowed"}: ${label}`);
  };

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target instanceof HTMLInputElement || e.metaKey || e.ctrlKey || e.altKey) return;
    const el = e.currentTarget;
    const keys: Record<string, () => void> = {
      c: () => void submit("CERTIFY"),
      r: () => void submit("REVOKE"),
      m: () => item.kind === "GRANT" && setModifying((m) => !m),
      j: () => onMove(el, 1),
      k: () => onMove(el, -1),
      ArrowDown: () => onMove(el, 1),
      ArrowUp: () => onMove(el, -1),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  };

  return (
    <article
      tabIndex={0}
      onKeyDown={onKey}
      data-review-item
      data-testid={`review-item-${item.id}`}
      aria-label={`${item.kind.toLowerCase()} ${label}`}
      aria-keyshortcuts="c r m j k"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm focus:ring-2 focus:ring-brand-600 focus:outline-none"
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge tone="info">{item.kind}</Badge>
        <h3 className="text-sm font-semibold text-slate-900">{label}</h3>
        <Recommendations item={item} />
        <span className="ml-auto flex items-center gap-3 text-xs text-slate-500">
          {item.kind === "GRANT" && (
            <>
              <span>
                Last used <Timestamp value={item.lastUsedAt} precision="day" empty="never" />
              </span>
              {item.usage && <Sparkline data={item.usage} label={`Usage of ${label}`} />}
            </>
          )}
          {!item.unchanged && <Badge tone="warning">changed since the start</Badge>}
        </span>
      </header>
      <div className="mt-2">
        <Entitlement item={item} />
        <AssignmentNote item={item} />
      </div>
      {modifying && <ModifyForm item={item} onChange={setChanges} />}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <input
          ref={box}
          aria-label={`Justification for ${label}`}
          placeholder={
            certifyNeedsJustification ? "Justification (required)" : "Justification (required to revoke or modify)"
          }
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") void submit(modifying ? "MODIFY" : "CERTIFY");
            if (e.key === "Escape") e.currentTarget.closest("article")?.focus();
          }}
          aria-invalid={error ? true : undefined}
          className={`min-w-64 flex-1 rounded-md border px-3 py-1.5 text-sm ${error ? "border-red-500" : "border-slate-300"}`}
        />
        <Button onClick={() => submit("CERTIFY")} disabled={decide.isPending}>
          Certify
        </Button>
        {item.kind === "GRANT" &&
          (modifying ? (
            <Button variant="secondary" onClick={() => submit("MODIFY")} disabled={decide.isPending}>
              Apply narrowing
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => setModifying(true)}>
              Modify…
            </Button>
          ))}
        <Button variant="danger" onClick={() => submit("REVOKE")} disabled={decide.isPending}>
          {item.kind === "OWNERSHIP" ? "Remove owner" : item.kind === "CREDENTIAL" ? "Remove reference" : "Revoke"}
        </Button>
      </div>
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
    </article>
  );
}
