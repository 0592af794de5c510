import { FLAG_THRESHOLD, scanToolDefinition } from "../scan-tool-definition";
import { benignItems, freshItems, poisonedItems, round3Items, round4Items, type EvalItem } from "./eval-set";

/**
 * Leave-one-family-out evaluation of the poisoning detector. The only parameter fit to data is the flag
 * threshold: for each family it is chosen on the other families alone (the highest recall whose benign
 * false-positive rate stays within budget; ties go to the higher threshold), then applied to the
 * held-out family. The signals are fixed lexicons of roles, not fit per family, but they were written
 * by someone who had read every family of the development sets; round 4 was written after the last
 * change to them and measures carry-over without that bias.
 */
export const FP_BUDGET = 0.05;
const GRID = Array.from({ length: 31 }, (_, i) => Math.round((0.5 + i * 0.05) * 100) / 100);

export type Scored = EvalItem & { score: number };
export type FamilyResult = { family: string; items: number; threshold: number; recall: number; missed: string[] };
export type ServerResult = { server: string; items: number; fp: number; fpr: number; flagged: string[] };

/** The sets the detector was developed with, and round 4 (written after freeze 3; freeze 7 used its misses). */
export const DEVELOPMENT = [...poisonedItems, ...freshItems, ...round3Items];
export const HELD_OUT = round4Items;

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

export const scoreAll = (items: EvalItem[]): Scored[] =>
  items.map((i) => ({ ...i, score: scanToolDefinition(i.definition, i.context).score }));

/** The threshold that finds the most poisoned items of `train` while flagging at most FP_BUDGET of `benign`. */
export function fitThreshold(train: Scored[], benign: Scored[]): number {
  let best = { threshold: GRID.at(-1)!, recall: -1 };
  for (const threshold of GRID) {
    if (ratio(benign.filter((b) => b.score >= threshold).length, benign.length) > FP_BUDGET) continue;
    const recall = ratio(train.filter((p) => p.score >= threshold).length, train.length);
    if (recall >= best.recall) best = { threshold, recall };
  }
  return best.threshold;
}

function familyResult(family: string, held: Scored[], threshold: number): FamilyResult {
  const missed = held.filter((p) => p.score < threshold).map((p) => p.id);
  return { family, items: held.length, threshold, recall: ratio(held.length - missed.length, held.length), missed };
}

const groups = (items: Scored[]) => [...new Set(items.map((i) => i.group))];

/** Benign definitions flagged at the threshold the product uses, per server. */
export function falsePositives(benign: Scored[], threshold = FLAG_THRESHOLD): ServerResult[] {
  return groups(benign).map((server) => {
    const items = benign.filter((b) => b.group === server);
    const flagged = items.filter((b) => b.score >= threshold).map((b) => b.id);
    return { server, items: items.length, fp: flagged.length, fpr: ratio(flagged.length, items.length), flagged };
  });
}

export function evaluate(development: EvalItem[] = DEVELOPMENT, heldOut: EvalItem[] = HELD_OUT) {
  const dev = scoreAll(development);
  const benign = scoreAll(benignItems);
  // Each family scored with a threshold fit on every other family.
  const byFamily = groups(dev).map((family) =>
    familyResult(
      family,
      dev.filter((p) => p.group === family),
      fitThreshold(
        dev.filter((p) => p.group !== family),
        benign,
      ),
    ),
  );
  // The later set, with the threshold fit on all of the development set.
  const threshold = fitThreshold(dev, benign);
  const later = scoreAll(heldOut);
  const byFamilyLater = groups(later).map((f) =>
    familyResult(
      f,
      later.filter((p) => p.group === f),
      threshold,
    ),
  );
  const byServer = falsePositives(benign);
  const fp = byServer.reduce((n, s) => n + s.fp, 0);
  return {
    byFamily,
    byFamilyLater,
    byServer,
    threshold,
    benign: { items: benign.length, fp, fpr: ratio(fp, benign.length) },
  };
}
