import { scanToolDefinition } from "../scan-tool-definition";
import { benignItems, families, poisonedItems, type EvalItem } from "./eval-set";

/**
 * Leave-one-family-out evaluation of the poisoning detector. The only parameter fit to data is the flag
 * threshold: for each family it is chosen on the other families alone (the highest recall whose benign
 * false-positive rate stays within budget, ties to the higher threshold), then applied to the held-out
 * family. The signals themselves are fixed roles, not fit per family.
 */
export const FP_BUDGET = 0.05;
const GRID = Array.from({ length: 31 }, (_, i) => Math.round((0.5 + i * 0.05) * 100) / 100);

export type Scored = EvalItem & { score: number };
export type FamilyResult = { family: string; items: number; threshold: number; recall: number; missed: string[] };
export type ServerResult = { server: string; items: number; fp: number; fpr: number; flagged: string[] };

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

export function scoreAll(items: EvalItem[] = [...poisonedItems, ...benignItems]): Scored[] {
  return items.map((i) => ({ ...i, score: scanToolDefinition(i.definition, i.context).score }));
}

/** The threshold that finds the most poisoned items of `train` while flagging at most FP_BUDGET of `benign`. */
export function fitThreshold(train: Scored[], benign: Scored[]): number {
  let best = { threshold: GRID.at(-1)!, recall: -1 };
  for (const threshold of GRID) {
    const fpr = ratio(benign.filter((b) => b.score >= threshold).length, benign.length);
    if (fpr > FP_BUDGET) continue;
    const recall = ratio(train.filter((p) => p.score >= threshold).length, train.length);
    if (recall >= best.recall) best = { threshold, recall };
  }
  return best.threshold;
}

export function leaveOneFamilyOut(scored: Scored[] = scoreAll()) {
  const poisoned = scored.filter((s) => s.label === "poisoned");
  const benign = scored.filter((s) => s.label === "benign");
  const byFamily: FamilyResult[] = families.map((family) => {
    const held = poisoned.filter((p) => p.group === family);
    const threshold = fitThreshold(
      poisoned.filter((p) => p.group !== family),
      benign,
    );
    const missed = held.filter((p) => p.score < threshold).map((p) => p.id);
    return { family, items: held.length, threshold, recall: ratio(held.length - missed.length, held.length), missed };
  });
  const threshold = fitThreshold(poisoned, benign);
  const byServer: ServerResult[] = [...new Set(benign.map((b) => b.group))].map((server) => {
    const items = benign.filter((b) => b.group === server);
    const flagged = items.filter((b) => b.score >= threshold).map((b) => b.id);
    return { server, items: items.length, fp: flagged.length, fpr: ratio(flagged.length, items.length), flagged };
  });
  const fp = byServer.reduce((n, s) => n + s.fp, 0);
  return { byFamily, byServer, threshold, benign: { items: benign.length, fp, fpr: ratio(fp, benign.length) } };
}
