"use client";

import { Card } from "@/components/ui/card";
import { LifecycleActions } from "./lifecycle-actions";
import type { TabProps } from "./types";

export function ReadinessTab(props: TabProps) {
  const items = props.server.readiness;
  const passed = items.filter((i) => i.pass).length;
  return (
    <div className="space-y-6">
      <Card title={`Deployment readiness: ${passed} of ${items.length} pass`}>
        <ul className="divide-y divide-slate-100" aria-label="Readiness checklist">
          {items.map((i) => (
            <li key={i.id} className="flex gap-3 py-2.5" data-testid={`readiness-${i.id}`} data-pass={i.pass}>
              <span
                aria-hidden
                className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs text-white ${i.pass ? "bg-emerald-600" : "bg-red-600"}`}
              >
                {i.pass ? "✓" : "✕"}
              </span>
              <div>
                <p className="text-sm font-medium">
                  {i.label} <span className="sr-only">{i.pass ? "passes" : "fails"}</span>
                </p>
                {!i.pass && <p className="text-xs text-slate-600">{i.fix}</p>}
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <LifecycleActions {...props} />
    </div>
  );
}
