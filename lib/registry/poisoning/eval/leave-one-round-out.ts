import { combinerFeatures } from "./combiner-features";
import { FLAG_THRESHOLD, scanDefinitionSignals } from "../scan-tool-definition";
import referenceServers from "./benign-reference-servers.json";
import {
  benignItems,
  freshItems,
  poisonedItems,
  round10BenignItems,
  round10Items,
  round11BenignItems,
  round11Items,
  round3Items,
  round4Items,
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
  type EvalItem,
} from "./eval-set";
import { fitLogistic, predict, type Logistic } from "./fit-logistic";

/**
 * Leave-one-ROUND-out (freeze 10). Rounds 5-11 were each written in a separate sitting (10 and 11 by
 * blind authors). For each held-out round, whatever is fitted (the combiner's weights and its threshold,
 * or the rule's threshold) is fitted on the other rounds plus the development sets and the 249+ benign
 * definitions, then applied to the held-out round: recall on its poisoned half, FP on its benign half.
 * Limit: the signals themselves were written having read rounds up to 11, so this measures the carry-over
 * of the fitted part only; the blind round 12 measures the whole.
 */
export type Featured = EvalItem & { score: number; x: number[] };
export type Round = { round: number; poisoned: Featured[]; benign: Featured[] };

/** The training benign FP rate a threshold may reach; the reference servers must stay at 0 flagged. */
export const FP_TARGET = 0.02;
export const L2 = 1;
const REFERENCE = new Set((referenceServers.servers as { slug: string }[]).map((s) => s.slug));

export const featured = (items: EvalItem[]): Featured[] =>
  items.map((i) => {
    const { verdict, sentences } = scanDefinitionSignals(i.definition, i.context);
    return { ...i, score: verdict.score, x: combinerFeatures(sentences) };
  });

export function loadRounds(): { base: Featured[]; baseBenign: Featured[]; rounds: Round[] } {
  const sets: [number, EvalItem[], EvalItem[]][] = [
    [5, round5Items, round5BenignItems],
    [6, round6Items, round6BenignItems],
    [7, round7Items, round7BenignItems],
    [8, round8Items, round8BenignItems],
    [9, round9Items, round9BenignItems],
    [10, round10Items, round10BenignItems],
    [11, round11Items, round11BenignItems],
  ];
  return {
    base: featured([...poisonedItems, ...freshItems, ...round3Items, ...round4Items]),
    baseBenign: featured(benignItems),
    rounds: sets.map(([round, p, b]) => ({ round, poisoned: featured(p), benign: featured(b) })),
  };
}

/** The lowest threshold (over the values seen) keeping the benign FP rate within FP_TARGET and no reference server flagged. */
export function chooseThreshold(benign: { value: number; group: string }[]): number {
  const allowed = Math.floor(benign.length * FP_TARGET);
  const reference = Math.max(-Infinity, ...benign.filter((b) => REFERENCE.has(b.group)).map((b) => b.value));
  const sorted = benign.map((b) => b.value).sort((a, b) => b - a);
  // Strictly above the (allowed+1)-th highest benign value and above every reference definition.
  const floor = Math.max(sorted[allowed] ?? -Infinity, reference);
  return floor === -Infinity ? 0.5 : floor + 1e-6;
}

export type Fitted = { model: Logistic; threshold: number };

export function fitCombiner(poisoned: Featured[], benign: Featured[]): Fitted {
  const xs = [...poisoned, ...benign].map((i) => i.x);
  const ys = [...poisoned.map(() => 1 as const), ...benign.map(() => 0 as const)];
  const model = fitLogistic(xs, ys, L2);
  const threshold = chooseThreshold(benign.map((b) => ({ value: predict(model, b.x), group: b.group })));
  return { model, threshold };
}

export type RoundResult = {
  round: number;
  items: number;
  benign: number;
  rule: { found: number; fp: number };
  ruleFitted: { threshold: number; found: number; fp: number };
  learned: { threshold: number; found: number; fp: number; flaggedBenign: string[] };
  byFamily: { family: string; items: number; rule: number; learned: number }[];
};

type Data = ReturnType<typeof loadRounds>;

/** For each round: it held out, and everything else to fit on. */
export const splits = (data: Data) =>
  data.rounds.map((held) => {
    const others = data.rounds.filter((r) => r !== held);
    return {
      held,
      trainP: [...data.base, ...others.flatMap((r) => r.poisoned)],
      trainB: [...data.baseBenign, ...others.flatMap((r) => r.benign)],
    };
  });

/** Everything, for the committed weights (scripts/fit-poisoning-weights.ts). */
export const fitAll = (data: Data) =>
  fitCombiner(
    [...data.base, ...data.rounds.flatMap((r) => r.poisoned)],
    [...data.baseBenign, ...data.rounds.flatMap((r) => r.benign)],
  );

export function leaveOneRoundOut(data: Data = loadRounds()): RoundResult[] {
  return splits(data).map(({ held, trainP, trainB }) => {
    const fitted = fitCombiner(trainP, trainB);
    const ruleThreshold = chooseThreshold(trainB.map((b) => ({ value: b.score, group: b.group })));
    const byLearned = (i: Featured) => predict(fitted.model, i.x) >= fitted.threshold;
    const count = (items: Featured[], f: (i: Featured) => boolean) => items.filter(f).length;
    const families = [...new Set(held.poisoned.map((p) => p.group))];
    return {
      round: held.round,
      items: held.poisoned.length,
      benign: held.benign.length,
      rule: {
        found: count(held.poisoned, (i) => i.score >= FLAG_THRESHOLD),
        fp: count(held.benign, (i) => i.score >= FLAG_THRESHOLD),
      },
      ruleFitted: {
        threshold: Math.round(ruleThreshold * 100) / 100,
        found: count(held.poisoned, (i) => i.score >= ruleThreshold),
        fp: count(held.benign, (i) => i.score >= ruleThreshold),
      },
      learned: {
        threshold: Math.round(fitted.threshold * 1000) / 1000,
        found: count(held.poisoned, byLearned),
        fp: count(held.benign, byLearned),
        flaggedBenign: held.benign.filter(byLearned).map((b) => b.id),
      },
      byFamily: families.map((family) => {
        const items = held.poisoned.filter((p) => p.group === family);
        return {
          family,
          items: items.length,
          rule: count(items, (i) => i.score >= FLAG_THRESHOLD),
          learned: count(items, byLearned),
        };
      }),
    };
  });
}
