import type { Profiler } from "node:inspector";

type Row = { name: string; self: number; inclusive: number };

/**
 * Self and inclusive milliseconds per function (name, file and line) of a V8 CPU profile. Inclusive time
 * counts a function once per sample however often it recurses.
 */
export function summariseProfile(profile: Profiler.Profile): Row[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Profiler.ProfileNode) => {
    const f = n.callFrame;
    const file = f.url.replace(/^.*\/(wt\/[^/]+|main)\//, "").replace(/^file:\/\//, "");
    return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
  };
  const rows = new Map<string, Row>();
  const row = (name: string) => rows.get(name) ?? rows.set(name, { name, self: 0, inclusive: 0 }).get(name)!;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    let node = byId.get(samples[i]);
    if (!node) continue;
    row(label(node)).self += ms;
    const seen = new Set<string>();
    for (; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const name = label(node);
      if (seen.has(name)) continue;
      seen.add(name);
      row(name).inclusive += ms;
    }
  }
  return [...rows.values()];
}

export function printSummary(rows: Row[], top = 25, filter = (_: string) => true) {
  const fmt = (r: Row) => `${r.inclusive.toFixed(0).padStart(7)} ${r.self.toFixed(0).padStart(7)}  ${r.name}`;
  console.log("  incl ms  self ms  — top inclusive (project code)");
  for (const r of rows
    .filter((r) => filter(r.name))
    .sort((a, b) => b.inclusive - a.inclusive)
    .slice(0, top))
    console.log(fmt(r));
  console.log("  incl ms  self ms  — top self");
  for (const r of rows.sort((a, b) => b.self - a.self).slice(0, top)) console.log(fmt(r));
}
