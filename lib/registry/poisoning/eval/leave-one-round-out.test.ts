import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLAG_THRESHOLD } from "../scan-tool-definition";
import { FEATURE_NAMES } from "./combiner-features";
import { renderWeights, WEIGHTS_PATH } from "./combiner-weights-file";
import { fitLogistic, predict } from "./fit-logistic";
import { chooseThreshold, fitAll, leaveOneRoundOut, loadRounds, splits } from "./leave-one-round-out";

describe("fitLogistic", () => {
  // One feature that separates the classes, one that is noise.
  const xs = [
    [0, 1],
    [0.2, 0],
    [0.4, 1],
    [1.6, 0],
    [1.8, 1],
    [2, 0],
  ];
  const ys = [0, 0, 0, 1, 1, 1] as (0 | 1)[];

  it("gives the same weights on every fit (Newton's method: no randomness, no learning rate)", () => {
    expect(fitLogistic(xs, ys)).toEqual(fitLogistic(xs, ys));
  });

  it("weights the separating feature and ranks the classes apart", () => {
    const m = fitLogistic(xs, ys);
    expect(m.weights[0]).toBeGreaterThan(Math.abs(m.weights[1]) * 5);
    expect(predict(m, [1.7, 0])).toBeGreaterThan(0.5);
    expect(predict(m, [0.3, 0])).toBeLessThan(0.5);
  });

  it("shrinks the weights as the L2 penalty grows", () => {
    expect(Math.abs(fitLogistic(xs, ys, 10).weights[0])).toBeLessThan(Math.abs(fitLogistic(xs, ys, 0.1).weights[0]));
  });
});

describe("chooseThreshold", () => {
  it("sits above every reference server's definition and all but 2% of the benign", () => {
    const benign = Array.from({ length: 100 }, (_, i) => ({ value: i / 100, group: "hard-negatives" }));
    expect(chooseThreshold(benign)).toBeCloseTo(0.97, 5);
    const withReference = [...benign, { value: 0.985, group: "filesystem" }];
    expect(chooseThreshold(withReference)).toBeGreaterThan(0.985);
  });
});

describe("leave one round out", () => {
  const data = loadRounds();

  it("never fits on the round it scores", () => {
    for (const { held, trainP, trainB } of splits(data)) {
      const train = new Set([...trainP, ...trainB].map((i) => i.definition));
      expect([...held.poisoned, ...held.benign].filter((i) => train.has(i.definition))).toEqual([]);
      expect(trainP.length + trainB.length).toBeGreaterThan(500);
    }
  });

  it("reports the product rule at FLAG_THRESHOLD and the learned combiner per round", () => {
    const results = leaveOneRoundOut(data);
    expect(results.map((r) => r.round)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    for (const r of results) {
      const held = data.rounds.find((d) => d.round === r.round)!;
      expect(r.rule.found).toBe(held.poisoned.filter((p) => p.score >= FLAG_THRESHOLD).length);
      expect(r.byFamily.reduce((n, f) => n + f.learned, 0)).toBe(r.learned.found);
      expect(r.learned.threshold).toBeGreaterThan(0);
    }
  });

  it("the committed weights are what scripts/fit-poisoning-weights.ts writes", () => {
    const fitted = fitAll(data);
    expect(fitted.model.weights).toHaveLength(FEATURE_NAMES.length);
    expect(readFileSync(WEIGHTS_PATH, "utf8")).toBe(renderWeights(fitted));
  });
});
