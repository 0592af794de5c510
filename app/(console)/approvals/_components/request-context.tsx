import { Badge } from "@/components/ui/badge";
import type { ApprovalContext } from "@/lib/services/approvals/approval-context-types";

/** For an activation: how the readiness checklist stands right now, and what fails. */
export function ReadinessSummary({ readiness }: { readiness: NonNullable<ApprovalContext["readiness"]> }) {
  const ready = readiness.failing.length === 0;
  return (
    <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200" data-testid="readiness-summary">
      <p className="font-medium">
        Readiness: {readiness.passing} of {readiness.total} checks pass{" "}
        <Badge tone={ready ? "success" : "warning"}>{ready ? "ready" : "not ready"}</Badge>
      </p>
      {!ready && (
        <ul className="mt-1 list-disc pl-5 text-slate-700">
          {readiness.failing.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** For a tool change: the approved definition against the new one, line by line, and any hidden instructions. */
export function DefinitionDiff({ change }: { change: NonNullable<ApprovalContext["toolChange"]> }) {
  return (
    <div className="mt-3" data-testid="definition-diff">
      <p className="text-sm">
        <span className="text-slate-500">Changed: </span>
        <span className="font-medium">{change.fields.join(", ") || "nothing visible"}</span>
      </p>
      {change.hiddenInstructions && (
        <p className="mt-1 rounded bg-red-50 px-2 py-1 text-sm text-red-800 ring-1 ring-red-200" role="note">
          Hidden instructions in the new definition (possible tool poisoning: {change.hiddenInstructions}). Approving it
          needs an admin&apos;s justified override on the tool&apos;s review screen: approvers may deny it, not approve
          it.
        </p>
      )}
      {/* Long lines wrap, so nothing (least of all a poisoned sentence) hides past the right edge on a phone. */}
      <pre className="mt-2 max-h-72 overflow-y-auto rounded bg-white p-2 font-mono text-xs break-all whitespace-pre-wrap ring-1 ring-slate-200">
        {change.diff.map((part, i) =>
          part.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line, j) => (
              <div
                key={`${i}-${j}`}
                className={part.added ? "bg-emerald-50 text-emerald-900" : part.removed ? "bg-red-50 text-red-900" : ""}
              >
                {part.added ? "+ " : part.removed ? "- " : "  "}
                {line}
              </div>
            )),
        )}
      </pre>
    </div>
  );
}
