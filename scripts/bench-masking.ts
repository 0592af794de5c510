import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { controlResponse } from "@/lib/gateway/response-controls";
import { args } from "./lib/args";
import { percentile } from "./lib/percentile";

// npm run bench:masking [-- --runs 200]
// The gateway's response controls on a 1 MB tool result: records with a denied field, e-mails and the
// odd token-shaped value, in the two shapes servers send. The floor, measured in the same run, is a
// bare deep copy of the same result (JSON.parse of JSON.stringify): what merely touching every value
// once costs. Target: ≤ 5 ms.
const opts = args({ runs: { type: "string" } });
const RUNS = Number(opts.runs ?? 200);

const record = (i: number) => ({
  id: i,
  name: `Account ${i}`,
  email: `owner${i}@corp.example`,
  ssn: `123-45-${String(i % 10_000).padStart(4, "0")}`,
  tier: i % 3 ? "gold" : "silver",
  balance: i * 13.37,
  notes: i % 50 ? "renewal due next quarter" : `rotated key AKIA${"ABCDEFGHIJKLMNOP"}`,
  region: "eu-west-1",
  active: i % 7 !== 0,
  owner: { team: "platform", manager: `manager${i % 40}` },
});

/** Records until the result's JSON reaches the size: mirrored (structuredContent and the same JSON as text) or text only. */
function resultOf(targetBytes: number, mirrored: boolean): CallToolResult {
  const records: ReturnType<typeof record>[] = [];
  const build = (): CallToolResult =>
    mirrored
      ? { content: [{ type: "text", text: JSON.stringify({ records }) }], structuredContent: { records } }
      : { content: [{ type: "text", text: JSON.stringify(records, null, 2) }] };
  while (Buffer.byteLength(JSON.stringify(build())) < targetBytes)
    for (let i = 0; i < 50; i++) records.push(record(records.length));
  return build();
}

function time(fn: () => void): number[] {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}
const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2)} ms   p99 ${percentile(xs, 99).toFixed(2)} ms`;
const controls = { deniedFields: ["ssn"], maxRecords: null };

for (const [label, mirrored] of [
  ["structuredContent mirrored as JSON text (as the spec asks servers to send it)", true],
  ["JSON text only, pretty-printed (server-postgres and most older servers)", false],
] as const) {
  const result = resultOf(1024 * 1024, mirrored);
  const size = Buffer.byteLength(JSON.stringify(result));
  const floor = time(() => JSON.parse(JSON.stringify(result)));
  const masked = time(() => controlResponse(result, controls));
  const { result: out, summary } = controlResponse(result, controls);
  if (JSON.stringify(out).includes("ssn")) throw new Error("ssn survived masking");
  const p50 = percentile(masked, 50);
  console.log(`${label}: ${(size / 1024 / 1024).toFixed(2)} MB, ${summary.recordsReturned} records, ${RUNS} runs`);
  console.log(`  floor: deep copy (JSON round trip)   ${fmt(floor)}`);
  console.log(`  mask + redact + summary             ${fmt(masked)}`);
  console.log(
    `  ${summary.fieldsMasked} fields masked, ${summary.valuesRedacted} values redacted; ratio to the floor ${(p50 / percentile(floor, 50)).toFixed(2)}; p50 ${p50 <= 5 ? "meets" : "misses"} the 5 ms target`,
  );
}
