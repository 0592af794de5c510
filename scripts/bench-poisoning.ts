import { cpus, loadavg } from "node:os";
import { contextOf, corpus } from "@/lib/registry/poisoning/corpus";
import { definitionTexts } from "@/lib/registry/poisoning/definition-texts";
import {
  benignItems,
  round5BenignItems,
  round5Items,
  round6BenignItems,
  round6Items,
  round7BenignItems,
  round7Items,
  round8BenignItems,
  round8Items,
  round9BenignItems,
  round9Items,
  round10BenignItems,
  round10Items,
  round11BenignItems,
  round11Items,
  round12BenignItems,
  round12Items,
  type EvalItem,
} from "@/lib/registry/poisoning/eval/eval-set";
import {
  DEVELOPMENT,
  evaluate,
  falsePositives,
  HELD_OUT,
  scoreAll,
} from "@/lib/registry/poisoning/eval/leave-one-family-out";
import { leaveOneRoundOut } from "@/lib/registry/poisoning/eval/leave-one-round-out";
import { registryNames } from "@/lib/registry/poisoning/registry-names";
import { FLAG_THRESHOLD, scanToolDefinition } from "@/lib/registry/poisoning/scan-tool-definition";
import { percentile } from "./lib/percentile";

// npm run bench:poisoning [-- --by-family]
// Scans a 200-tool manifest (the corpus's definitions, renamed, padded out to 200) against a registry of
// 20 other servers with 30 tools each, as an import does: the registry's names compiled once, then every
// tool. The floor, measured in the same run, is one trivial regex over the same texts: the cost of
// merely reading them. The target is under 50 ms per manifest, and under 1 ms per definition at p99
// (every definition of the evaluation set, scanned one at a time).
// --by-family adds the leave-one-family-out table (lib/registry/poisoning/eval) and false positives
// per benign server.
// --by-round adds the leave-one-round-out table (freeze 10): each of rounds 5-11 held out in turn, the
// product rule (threshold 1), the rule with its threshold fitted on the other rounds, and the learned
// combiner fitted on the other rounds; recall on the held-out round and FP on its benign half.
const TOOLS = 200;
const RUNS = 200;
const cases = [...corpus("dev"), ...corpus("test")];
const manifest = Array.from({ length: TOOLS }, (_, i) => ({ ...cases[i % cases.length].tool, name: `tool_${i}` }));
const otherServers = Array.from({ length: 20 }, (_, s) => ({
  slug: `server-${s}`,
  name: `Server ${s}`,
  tools: Array.from({ length: 30 }, (_, t) => `action_${s}_${t}`),
}));
const context = { ...contextOf(cases[0]), siblings: manifest.map((t) => t.name), otherServers };

// Wall-clock time, and the CPU time this process spent: on a shared, loaded machine the second is the
// fairer figure, since waiting for a core is not the scanner's cost.
const cpu: number[] = [];
function time(fn: () => void, cpuSamples?: number[]) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuSamples?.push((c.user + c.system) / 1000);
  }
  cpuSamples?.sort((a, b) => a - b);
  return samples.sort((a, b) => a - b);
}

let flagged = 0;
const scan = time(() => {
  const names = registryNames(context);
  flagged = manifest.filter((t) => scanToolDefinition(t, names).flagged).length;
}, cpu);
const floor = time(() => {
  let n = 0;
  for (const t of manifest) for (const { text } of definitionTexts(t)) if (/ignore/i.test(text)) n++;
  return n;
});

const chars = manifest.reduce((sum, t) => sum + JSON.stringify(t).length, 0);
const p50 = percentile(scan, 50);
console.log(`poisoning scan of a ${TOOLS}-tool manifest (${chars} characters, ${flagged} flagged), ${RUNS} runs`);
console.log(
  `  machine:    ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (figures inflate under load)`,
);
console.log(
  `  full scan:  p50 ${p50.toFixed(2)} ms, p95 ${percentile(scan, 95).toFixed(2)} ms, max ${scan.at(-1)!.toFixed(2)} ms`,
);
console.log(`  CPU time:   p50 ${percentile(cpu, 50).toFixed(2)} ms, p95 ${percentile(cpu, 95).toFixed(2)} ms`);
console.log(`  floor:      p50 ${percentile(floor, 50).toFixed(2)} ms (one regex over the same texts)`);
console.log(
  `  ratio:      ${(p50 / percentile(floor, 50)).toFixed(1)}x the floor; target < 50 ms: ${p50 < 50 ? "met" : "NOT met"} (wall), ${percentile(cpu, 50) < 50 ? "met" : "NOT met"} (CPU)`,
);

// Per definition: every definition of the evaluation set scanned alone, 21 times after a warm-up. A
// definition's cost is its median run, so a run preempted by another process on this shared machine
// does not count as the scanner's; p50/p99 are then taken over definitions.
const evalDefs = [
  ...DEVELOPMENT,
  ...HELD_OUT,
  ...round5Items,
  ...round6Items,
  ...round7Items,
  ...round8Items,
  ...round9Items,
  ...round10Items,
  ...round11Items,
  ...benignItems,
  ...round5BenignItems,
  ...round6BenignItems,
  ...round7BenignItems,
  ...round8BenignItems,
  ...round9BenignItems,
  ...round10BenignItems,
  ...round11BenignItems,
];
const perDefinition = evalDefs
  .map((item) => {
    const runs: number[] = [];
    for (let i = 0; i < 24; i++) {
      const t0 = performance.now();
      scanToolDefinition(item.definition, item.context);
      if (i >= 3) runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[10];
  })
  .sort((a, b) => a - b);
const p99 = percentile(perDefinition, 99);
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
console.log(
  `  per definition (${evalDefs.length} eval definitions, median of 21 runs each): p50 ${us(percentile(perDefinition, 50))}, p99 ${us(p99)}, max ${us(perDefinition.at(-1)!)}; target p99 < 1 ms: ${p99 < 1 ? "met" : "NOT met"}`,
);

if (process.argv.includes("--by-family")) {
  const r = evaluate();
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log("\nleave-one-family-out recall (threshold fit on the other families; development sets)");
  console.log(`  ${pad("family", 18)} ${pad("items", 6)} ${pad("thresh", 7)} recall  missed`);
  for (const f of r.byFamily)
    console.log(
      `  ${pad(f.family, 18)} ${pad(f.items, 6)} ${pad(f.threshold, 7)} ${pad(f.recall.toFixed(2), 7)} ${f.missed.join(" ")}`,
    );
  console.log(
    `\nround 4, written after freeze 3: 11/25 at freeze 3, 15/25 at freeze 6; its misses were used to develop freeze 7 (threshold ${r.threshold}, fit on all development families)`,
  );
  for (const f of r.byFamilyLater)
    console.log(
      `  ${pad(f.family, 18)} ${pad(f.items, 6)} ${pad(f.threshold, 7)} ${pad(f.recall.toFixed(2), 7)} ${f.missed.join(" ")}`,
    );
  console.log("\nfalse positives per benign server (product threshold)");
  for (const s of r.byServer)
    console.log(
      `  ${pad(s.server, 28)} ${pad(`${s.fp}/${s.items}`, 8)} ${pad(s.fpr.toFixed(3), 6)} ${s.flagged.join(" ")}`,
    );
  console.log(`  ${pad("all", 28)} ${pad(`${r.benign.fp}/${r.benign.items}`, 8)} ${r.benign.fpr.toFixed(3)}`);
}

// The unseen rounds (lib/registry/poisoning/eval/unseen-round-*.ts), at the product threshold: poisoned
// recall per family and the risky-looking benign half's false positives. Always printed: they are the
// headline figures. Each label says what the round was used for.
const rounds: [string, EvalItem[], EvalItem[]][] = [
  ["round 5 (18/39 before freeze 4, then used to develop it: no longer unseen)", round5Items, round5BenignItems],
  ["round 6 (13/32 after freeze 4; then used to develop freezes 5 and 7)", round6Items, round6BenignItems],
  [
    "round 7 (9/20 after freeze 5, read before freeze 6; 14/20 at freeze 6, held out of freeze 7)",
    round7Items,
    round7BenignItems,
  ],
  ["round 8 (7/34 after freeze 5, unseen; then used to develop freeze 6)", round8Items, round8BenignItems],
  [
    "round 9 (written with round 8, held back until freeze 6 was final; held out of freeze 7: see eval/README.md)",
    round9Items,
    round9BenignItems,
  ],
  [
    "round 10 (blind: 45/67 and benign 6/38 at freezes 6 and 7; used to develop freezes 8 (49/67) and 9 (66/67))",
    round10Items,
    round10BenignItems,
  ],
  [
    "round 11 (blind: 59/77 and benign 4/44 at freeze 8; 62/77 from freeze 9's round-10 half; then used to develop freeze 9)",
    round11Items,
    round11BenignItems,
  ],
  [
    "round 12 (blind, written while freeze 9 was made: 59/78 at freeze 8, 60/78 at freeze 9; benign 4/47 at both)",
    round12Items,
    round12BenignItems,
  ],
];
for (const [label, poisoned, benign] of rounds) {
  const scored = scoreAll(poisoned);
  const found = scored.filter((p) => p.score >= FLAG_THRESHOLD);
  console.log(`\n${label}, product threshold ${FLAG_THRESHOLD}: recall ${found.length}/${scored.length}`);
  for (const family of [...new Set(scored.map((p) => p.group))]) {
    const items = scored.filter((p) => p.group === family);
    const missed = items.filter((p) => p.score < FLAG_THRESHOLD).map((p) => `${p.id}(${p.score})`);
    console.log(`  ${family.padEnd(18)} ${items.length - missed.length}/${items.length}  ${missed.join(" ")}`);
  }
  const [fp] = falsePositives(scoreAll(benign));
  console.log(`  benign: ${fp.fp}/${fp.items} flagged ${fp.flagged.join(" ")}`);
}

if (process.argv.includes("--by-round")) {
  const results = leaveOneRoundOut();
  const cell = (found: number, items: number, fp: number, benign: number) => `${found}/${items} fp ${fp}/${benign}`;
  console.log(
    "\nleave one round out (fitted on the other rounds and the development sets; the signals were written having read rounds <= 11)",
  );
  console.log(`  round  ${"rule at 1".padEnd(18)} ${"rule, fitted".padEnd(24)} learned combiner`);
  const total = { items: 0, benign: 0, rule: [0, 0], fitted: [0, 0], learned: [0, 0] };
  for (const r of results) {
    console.log(
      `  ${String(r.round).padEnd(6)} ${cell(r.rule.found, r.items, r.rule.fp, r.benign).padEnd(18)} ${`${cell(r.ruleFitted.found, r.items, r.ruleFitted.fp, r.benign)} @${r.ruleFitted.threshold}`.padEnd(24)} ${cell(r.learned.found, r.items, r.learned.fp, r.benign)} @${r.learned.threshold} ${r.learned.flaggedBenign.join(" ")}`,
    );
    total.items += r.items;
    total.benign += r.benign;
    total.rule = [total.rule[0] + r.rule.found, total.rule[1] + r.rule.fp];
    total.fitted = [total.fitted[0] + r.ruleFitted.found, total.fitted[1] + r.ruleFitted.fp];
    total.learned = [total.learned[0] + r.learned.found, total.learned[1] + r.learned.fp];
  }
  const c = (x: number[]) => cell(x[0], total.items, x[1], total.benign);
  console.log(`  ${"all".padEnd(6)} ${c(total.rule).padEnd(18)} ${c(total.fitted).padEnd(24)} ${c(total.learned)}`);
  for (const r of results)
    console.log(
      `  round ${r.round} by family (rule/learned): ${r.byFamily.map((f) => `${f.family} ${f.rule}/${f.learned} of ${f.items}`).join(", ")}`,
    );
}
