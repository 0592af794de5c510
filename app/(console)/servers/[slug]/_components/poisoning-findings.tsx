import { Badge } from "@/components/ui/badge";
import type { PoisoningVerdict } from "@/lib/registry/poisoning/scan-tool-definition";

/** Why the detector flagged a definition: each finding's field, its signals and the quoted span. */
export function PoisoningFindings({ verdict }: { verdict: PoisoningVerdict }) {
  return (
    <div className="space-y-2 rounded border border-red-200 bg-red-50 p-3" data-testid="poisoning-findings">
      <p className="text-sm font-semibold text-red-800">
        Possible tool poisoning: this definition carries text aimed at the model (score {verdict.score}).
      </p>
      <ul className="space-y-2">
        {verdict.findings.map((f, i) => (
          <li key={i} className="rounded bg-white p-2 ring-1 ring-red-100">
            <p className="font-mono text-xs text-slate-500">
              {f.field}
              {f.hidden ? ` · hidden (${f.hidden}), shown here made visible` : ""}
            </p>
            <pre className="mt-1 text-xs whitespace-pre-wrap text-slate-900">{f.quote}</pre>
            <div className="mt-1 flex flex-wrap gap-1">
              {f.signals.map((s, j) => (
                <span key={j} title={s.match}>
                  <Badge tone={s.signal === "hidden-text" ? "danger" : "warning"}>{s.label}</Badge>
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
