import { Badge } from "@/components/ui/badge";
import type { PoisoningFinding, PoisoningVerdict } from "@/lib/registry/poisoning/scan-tool-definition";

/** The field's text with the flagged sentence marked, or the quote alone when it is the whole field. */
function FlaggedText({ finding }: { finding: PoisoningFinding }) {
  const at = finding.context?.indexOf(finding.quote) ?? -1;
  const mark = (
    <mark className="rounded bg-amber-200 px-0.5 text-slate-900" data-testid="flagged-sentence">
      {finding.quote}
    </mark>
  );
  if (!finding.context || at < 0) return mark;
  return (
    <>
      <span className="text-slate-500">{finding.context.slice(0, at)}</span>
      {mark}
      <span className="text-slate-500">{finding.context.slice(at + finding.quote.length)}</span>
    </>
  );
}

/** Why the detector flagged a definition: each finding's field, the sentence marked in place, its signals and the attack family they suggest. */
export function PoisoningFindings({ verdict }: { verdict: PoisoningVerdict }) {
  return (
    <div className="space-y-2 rounded border border-red-200 bg-red-50 p-3" data-testid="poisoning-findings">
      <p className="text-sm font-semibold text-red-800">
        Possible tool poisoning: this definition carries text aimed at the model (score {verdict.score}).
      </p>
      <ul className="space-y-2">
        {verdict.findings.map((f, i) => (
          <li key={i} className="rounded bg-white p-2 ring-1 ring-red-100" data-testid="poisoning-finding">
            <p className="flex flex-wrap items-center gap-2 font-mono text-xs text-slate-500">
              <span>
                {f.field}
                {f.hidden ? ` · hidden (${f.hidden}), shown here made visible` : ""}
              </span>
              <span data-testid="finding-family">
                <Badge tone="danger">suggests: {f.family}</Badge>
              </span>
            </p>
            <pre className="mt-1 text-xs whitespace-pre-wrap">
              <FlaggedText finding={f} />
            </pre>
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
