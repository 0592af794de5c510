"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Drawer } from "@/components/ui/drawer";
import { Timestamp } from "@/components/ui/timestamp";
import { describeReason } from "@/lib/policy/describe-reason";
import { callWhy, type CallData } from "@/lib/audit/call-data";
import { actionLabel } from "@/lib/audit/catalog";
import { outcomeLabel } from "@/lib/schemas/outcome";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { AuditEventView } from "@/lib/services/audit/list-audit-events";

/** A call's or decision's data (other records hold other keys, read generically below). */
type Attributes = CallData & Record<string, unknown>;

/** Raw JSON wraps at the drawer's edge (long values break anywhere) instead of running off it. */
const RAW =
  "mt-1 max-h-64 overflow-y-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap ring-1 ring-slate-200";

const block = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

/** One event in full: redacted arguments, response summary, chain hashes, and links to what it names. */
export function EventDrawer({ event: e, onClose }: { event: Jsonified<AuditEventView> | null; onClose: () => void }) {
  const a = (e?.attributes ?? {}) as Attributes;
  const { rule, reasons } = callWhy(e?.attributes);
  const why = reasons.length ? reasons.map((r) => describeReason(r, rule)) : rule ? [describeReason("", rule)] : [];
  return (
    <Drawer open={e !== null} onClose={onClose} title={e ? `Event #${e.sequence}` : "Event"}>
      {e && (
        <div className="space-y-3 text-sm" data-testid="event-drawer">
          <dl className="grid grid-cols-3 gap-x-3 gap-y-1">
            <dt className="text-slate-500">When</dt>
            <dd className="col-span-2">
              <Timestamp value={e.occurredAt} />
            </dd>
            <dt className="text-slate-500">Actor</dt>
            <dd className="col-span-2">
              {e.actorType} {e.actorLabel}
            </dd>
            <dt className="text-slate-500">Action</dt>
            <dd className="col-span-2">
              {e.category} · {actionLabel(e.action)} (<span className="font-mono text-xs">{e.action}</span>) ·{" "}
              {outcomeLabel(e.outcome)}
            </dd>
            {e.targetLabel && (
              <>
                <dt className="text-slate-500">Target</dt>
                <dd className="col-span-2">{e.targetLabel}</dd>
              </>
            )}
            {e.onBehalfOf && (
              <>
                <dt className="text-slate-500">On behalf of</dt>
                <dd className="col-span-2">
                  {e.onBehalfOf}
                  {e.userSource && <span className="text-slate-500"> ({e.userSource})</span>}
                </dd>
              </>
            )}
            {e.server && (
              <>
                <dt className="text-slate-500">Server</dt>
                <dd className="col-span-2">
                  <Link className="text-brand-700 underline" href={`/servers/${e.server}`}>
                    {e.server}
                  </Link>
                  {e.tool ? ` / ${e.tool}` : ""}
                </dd>
              </>
            )}
            {e.agent && (
              <>
                <dt className="text-slate-500">Agent</dt>
                <dd className="col-span-2">
                  <Link className="text-brand-700 underline" href={`/audit?agent=${encodeURIComponent(e.agent)}`}>
                    {e.agent}
                  </Link>
                </dd>
              </>
            )}
            {a.approvalId && (
              <>
                <dt className="text-slate-500">Approval</dt>
                <dd className="col-span-2">
                  <Link className="text-brand-700 underline" href={`/approvals?request=${a.approvalId}`}>
                    {a.approvalId}
                  </Link>
                </dd>
              </>
            )}
            {e.sessionId && (
              <>
                <dt className="text-slate-500">Session</dt>
                <dd className="col-span-2">
                  <Link className="text-brand-700 underline" href={`/audit?q=${encodeURIComponent(e.sessionId)}`}>
                    {e.sessionId}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          {why.length > 0 && (
            <section data-testid="event-why" className="rounded border border-slate-200 bg-slate-50 p-2">
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Why</h3>
              <ul className="mt-1 space-y-2">
                {why.map((r, i) => (
                  <li key={i}>
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{r.title}</span>
                      {r.rule && <Badge>{r.rule}</Badge>}
                    </p>
                    {r.detail && <p className="break-words text-slate-700">{r.detail}</p>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {a.arguments !== undefined && (
            <section>
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Arguments (redacted)</h3>
              <pre className={RAW}>{block(a.arguments)}</pre>
            </section>
          )}
          {a.responseSummary !== undefined && (
            <section>
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Response summary</h3>
              <pre className={RAW}>{block(a.responseSummary)}</pre>
            </section>
          )}
          {(e.before !== null || e.after !== null) && (
            <section>
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Before → after</h3>
              <pre className={RAW}>{block({ before: e.before, after: e.after })}</pre>
            </section>
          )}
          <section>
            <h3 className="text-xs font-semibold text-slate-500 uppercase">All attributes</h3>
            <pre className={RAW}>{block(a)}</pre>
          </section>
          <section className="font-mono text-xs break-all text-slate-600">
            <p>prev {e.prevHash}</p>
            <p data-testid="event-hash">hash {e.hash}</p>
          </section>
        </div>
      )}
    </Drawer>
  );
}
