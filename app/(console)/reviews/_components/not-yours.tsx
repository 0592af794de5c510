import { Badge } from "@/components/ui/badge";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";
import { subjectOf } from "./item-facts";

/** Open items the reviewer may see but not decide: they own, registered or granted the access. */
export function NotYours({ items }: { items: Jsonified<ReviewItemRow>[] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-label="Not yours to decide"
      className="rounded-lg border border-amber-200 bg-amber-50/60 p-4 text-sm shadow-sm"
    >
      <h2 className="font-medium text-amber-900">Not yours to decide ({items.length}): separation of duties</h2>
      <ul className="mt-2 divide-y divide-amber-100">
        {items.map((i) => (
          <li key={i.id} className="flex flex-wrap items-baseline gap-2 py-2" data-testid={`not-yours-${i.id}`}>
            <Badge>{i.kind}</Badge>
            <span className="font-mono text-xs">{i.serverSlug}</span>
            <span>{subjectOf(i)}</span>
            <span className="text-amber-900">{i.conflict}</span>
            <span className="ml-auto text-xs text-slate-500">reviewer: {i.assigneeLabel}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
