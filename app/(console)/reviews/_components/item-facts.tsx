import { Timestamp } from "@/components/ui/timestamp";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";

const TONE: Record<string, BadgeTone> = { revoke: "danger", review: "warning", narrow: "info", rotate: "warning" };

export const subjectOf = (i: Pick<ReviewItemRow, "kind" | "snapshot">) => {
  const s = i.snapshot;
  if (i.kind === "GRANT") return `${s.agentName ?? s.agent} (${s.agent})`;
  if (i.kind === "CREDENTIAL") return `${s.provider} ${s.path}`;
  return `Ownership: ${s.primaryOwner ?? "no primary owner"}, team ${s.ownerTeam ?? "none"}`;
};

export function Recommendations({ item }: { item: Pick<ReviewItemRow, "recommendations"> }) {
  if (item.recommendations.length === 0) return <span className="text-xs text-slate-500">No recommendation</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {item.recommendations.map((r) => (
        <span key={r.code} title={JSON.stringify(r.evidence)}>
          <Badge tone={TONE[r.code] ?? "neutral"}>{r.text}</Badge>
        </span>
      ))}
    </span>
  );
}

/** What the item grants, in the terms a reviewer decides on. */
export function Entitlement({ item }: { item: Pick<ReviewItemRow, "kind" | "snapshot"> }) {
  const s = item.snapshot as Record<string, string | string[] | number | null>;
  if (item.kind === "GRANT")
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-700">
        <dt className="text-slate-500">Tools</dt>
        <dd className="font-mono">{(s.allowedTools as string[]).join(", ")}</dd>
        <dt className="text-slate-500">Operations</dt>
        <dd>{(s.allowedOperations as string[]).join(", ")}</dd>
        <dt className="text-slate-500">Limits</dt>
        <dd>{s.maxRecords ? `${s.maxRecords} records per call` : "none"}</dd>
        <dt className="text-slate-500">Expires</dt>
        <dd>
          <Timestamp value={s.expiresAt ? String(s.expiresAt) : null} precision="day" empty="never" />
        </dd>
        <dt className="text-slate-500">Granted</dt>
        <dd>
          by {String(s.grantedBy)} on <Timestamp value={String(s.grantedAt)} precision="day" />
        </dd>
      </dl>
    );
  if (item.kind === "CREDENTIAL")
    return (
      <p className="text-xs text-slate-700">
        {String(s.kind)} · rotation every {String(s.rotationDays)} days · last rotated{" "}
        <Timestamp value={s.lastRotatedAt ? String(s.lastRotatedAt) : null} precision="day" empty="never" /> ·{" "}
        {String(s.rotationState)}
      </p>
    );
  return (
    <p className="text-xs text-slate-700">
      {String(s.serverName)} · {String(s.environment)} · {String(s.classification ?? "unclassified")} ·{" "}
      {String(s.status)}
    </p>
  );
}

export function AssignmentNote({ item }: { item: Jsonified<ReviewItemRow> }) {
  if (item.reassignedAt)
    return (
      <p className="text-xs text-slate-500">
        Reassigned from {item.reassignedFromLabel} by {item.reassignedByLabel}: {item.reassignReason}
      </p>
    );
  if (item.assignment === "admin_pool")
    return (
      <p className="text-xs text-slate-500">
        For any ADMIN: nobody on the owner team may review it (they own, registered or granted this access)
      </p>
    );
  if (item.selfReviewRerouted)
    return (
      <p className="text-xs text-slate-500">
        Rerouted to the owner team: the primary owner owns, registered or granted this access
      </p>
    );
  if (item.assignment === "owner_team")
    return <p className="text-xs text-slate-500">For the owner team (no primary owner)</p>;
  return null;
}
