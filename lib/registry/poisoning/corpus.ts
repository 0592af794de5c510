import dev from "../fixtures/poisoning-corpus/dev.json";
import publicDev from "../fixtures/poisoning-corpus/public-dev.json";
import registry from "../fixtures/poisoning-corpus/registry.json";
import test from "../fixtures/poisoning-corpus/test.json";
import testRealServers from "../fixtures/poisoning-corpus/test-real-servers.json";
import type { ScanContext } from "./registry-names";

/** One labelled case of the poisoning corpus (lib/registry/fixtures/poisoning-corpus). */
export type CorpusCase = {
  id: string;
  label: "poisoned" | "benign";
  class: string;
  server: string;
  source: string;
  siblings?: string[];
  tool: Record<string, unknown>;
};

export type CorpusPart = "dev" | "test";

const PARTS: Record<CorpusPart, { cases: unknown[] }[]> = { dev: [dev, publicDev], test: [test, testRealServers] };

export function corpus(part: CorpusPart): CorpusCase[] {
  return PARTS[part].flatMap((f) => f.cases as CorpusCase[]);
}

/** The registry a case is scanned against: every corpus server but its own. */
export function contextOf(c: CorpusCase): ScanContext {
  return { siblings: c.siblings, otherServers: registry.servers.filter((s) => s.slug !== c.server) };
}

export type Metrics = {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  recall: number;
  precision: number;
  fpr: number;
};

export function metrics(results: { label: CorpusCase["label"]; flagged: boolean }[]): Metrics {
  const count = (label: CorpusCase["label"], flagged: boolean) =>
    results.filter((r) => r.label === label && r.flagged === flagged).length;
  const [tp, fp, tn, fn] = [
    count("poisoned", true),
    count("benign", true),
    count("benign", false),
    count("poisoned", false),
  ];
  const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
  return { tp, fp, tn, fn, recall: ratio(tp, tp + fn), precision: ratio(tp, tp + fp), fpr: ratio(fp, fp + tn) };
}
