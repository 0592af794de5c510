// npx tsx scripts/bench-ingest-stages.ts [prepare|ids|canon|none]
// The in-memory stages of ingest on 10,000 simulator events (seed 11), no database, min and median of 7 runs:
// parseBatch; prepareAudit of the records ingest builds (auditInput: arguments, response and extra redacted);
// "ids": unique trace and session ids through the full scan and through redactText; "canon": canonicalJson
// of attributes built in key order. Steadier than a whole profile on a busy machine: compare runs alternated.
import { prepareAudit } from "@/lib/audit/record-audit";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { withAuditIdentifiers } from "@/lib/audit/audit-identifier";
import { auditInput } from "@/lib/services/ingest/ingest-events";
import { trafficBodies } from "./lib/traffic-bodies";

process.env.NEXTAUTH_SECRET ??= "bench-ingest-stages-".repeat(4);
const bodies = trafficBodies(10);
const denied = ["Salary__c", "ssn"];
// CPU time of this process (user and system), not wall time: other processes on a busy machine count less.
const time = (label: string, f: () => void) => {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    runs.push((d.user + d.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label}: min ${(runs[0] / 10).toFixed(1)} µs/event, median ${(runs[3] / 10).toFixed(1)} (CPU)`);
};
const parsed = bodies.map((b) => parseBatch(b, "application/json").events);
time("parseBatch", () => bodies.forEach((b) => parseBatch(b, "application/json")));
// The servers as ingest's context finds them, each denying the same fields; no agent is registered.
const ctx = {
  serverIds: new Map(parsed.flat().map((e) => [e.server, { id: e.server, deniedFields: denied }])),
  agentIds: new Map<string, string>(),
};
const mode = process.argv[2] ?? "prepare";
if (mode === "prepare")
  time("prepare", () =>
    parsed.forEach((es) =>
      prepareAudit(es.map((e) => auditInput(withAuditIdentifiers({ ...e, eventId: e.eventId! }), ctx, "token:bench"))),
    ),
  );
if (mode === "ids") {
  const { redactAll, redactText } = await import("@/lib/redaction/redact");
  const ids = (k: number) => parsed.flat().flatMap((e) => [`${e.traceId}-${k}`, `${e.sessionId}-${k}`]);
  let k = 0;
  time("ids: full scan (redactAll)", () => ids(k++).forEach((s) => redactAll(s)));
  time("ids: redactText with the identifier fast path", () => ids(k++).forEach((s) => redactText(s)));
}
if (mode === "canon") {
  const { canonicalJson } = await import("@/lib/crypto/canonical-json");
  const all = parsed.flat();
  const sorted = all.map((e) => ({
    arguments: e.arguments,
    bytes: e.bytes,
    ingestedBy: "token:bench",
    latencyMs: e.latencyMs,
    recordsReturned: e.recordsReturned,
    traceId: e.traceId,
  }));
  time("canonicalJson of attributes built in key order", () => sorted.forEach((a) => canonicalJson(a)));
}
