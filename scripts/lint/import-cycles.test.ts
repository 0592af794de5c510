import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";

// Layers import downward only, so no module may reach itself again through its imports (type imports
// included: a prop type taken from the parent view is a cycle too).
const root = path.resolve(import.meta.dirname, "../..");
const FOLDERS = ["lib", "app", "components", "scripts", "prisma", "e2e"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function importGraph(): Map<string, string[]> {
  const files = new Set(FOLDERS.flatMap((folder) => sources(path.join(root, folder))));
  const resolve = (from: string, spec: string) => {
    const base = spec.startsWith("@/")
      ? path.join(root, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(from), spec)
        : undefined;
    if (!base) return undefined;
    return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => files.has(f));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    graph.set(file, [...new Set(importedFiles.flatMap((i) => resolve(file, i.fileName) ?? []))]);
  }
  return graph;
}

/** Every cycle a depth-first walk meets, as the chain of files that closes it. */
function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open")
        found.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(root, f)).join(" -> "));
      else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

it("has no import cycles in lib, app, components, scripts, prisma or e2e", () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(500);
  expect(cycles(graph)).toEqual([]);
});

it("finds a cycle when there is one", () => {
  const graph = new Map([
    [path.join(root, "a.ts"), [path.join(root, "b.ts")]],
    [path.join(root, "b.ts"), [path.join(root, "a.ts")]],
  ]);
  expect(cycles(graph)).toEqual(["a.ts -> b.ts -> a.ts"]);
});
