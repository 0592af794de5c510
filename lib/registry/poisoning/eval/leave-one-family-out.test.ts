import { describe, expect, it } from "vitest";
import { FLAG_THRESHOLD } from "../scan-tool-definition";
import {
  benignItems,
  poisonedItems,
  round4Items,
  round6Items,
  round7BenignItems,
  round7Items,
  round8BenignItems,
  round8Items,
  type EvalItem,
} from "./eval-set";
import { evaluate, FP_BUDGET, scoreAll } from "./leave-one-family-out";

/**
 * The quality gate of issue 29 on the deterministic evaluation set (not a timing test). Recall is
 * leave-one-family-out on the development sets. Round 4 and the unseen rounds (eval/unseen-round-*.ts)
 * are reported by `npm run bench:poisoning -- --by-family` and not asserted: they fall short of 0.9
 * and are the honest measure of carry-over.
 */
describe("poisoning detector, leave one family out", () => {
  const result = evaluate();

  it.each(result.byFamily.filter((f) => f.items >= 5))(
    "finds at least 90 percent of the $family family, with a threshold fit on the other families",
    (f) => expect(f.recall, `missed at ${f.threshold}: ${f.missed.join(", ")}`).toBeGreaterThanOrEqual(0.9),
  );

  it("flags at most 5% of the benign definitions, on every real server and overall", () => {
    expect(benignItems.length).toBeGreaterThanOrEqual(200);
    expect(result.benign.fpr).toBeLessThanOrEqual(FP_BUDGET);
    for (const s of result.byServer)
      expect(s.fpr, `${s.server}: ${s.flagged.join(", ")}`).toBeLessThanOrEqual(FP_BUDGET);
  });

  it("has at least five items in each issue family, each with a source and a licence", () => {
    const counts = new Map(result.byFamily.map((f) => [f.family, f.items]));
    for (const family of ["authority", "persona", "secrecy", "routing", "markup", "hidden-text", "exfiltration"])
      expect(counts.get(family), family).toBeGreaterThanOrEqual(5);
    for (const item of [...poisonedItems, ...benignItems]) expect(item.source && item.licence, item.id).toBeTruthy();
    expect(FLAG_THRESHOLD).toBe(1);
  });
});

const recall = (items: EvalItem[]) => scoreAll(items).filter((i) => i.score >= FLAG_THRESHOLD).length / items.length;
const flagged = (items: EvalItem[]) => scoreAll(items).filter((i) => i.score >= FLAG_THRESHOLD).length;

/**
 * Floors, not the figures: the detector is deterministic, so these cannot flake, and each floor sits
 * a little under what freeze 7 reaches so that a change which loses ground fails. Round 8 was used to
 * develop freeze 6 (7/34 before it); rounds 4 and 6 were used to develop freeze 7 (15/25 and 24/32
 * before it, 23/25 and 32/32 after); round 7 was held out of freeze 7 (14/20 before and after). Round
 * 9, the honest figure, is reported by the bench and never asserted, so no one tunes against it.
 */
describe("poisoning detector, later rounds at the product threshold", () => {
  it.each([
    ["round 8 (development for freeze 6)", round8Items, 0.9],
    ["round 7", round7Items, 0.65],
    ["round 6 (development for freeze 7)", round6Items, 0.95],
    ["round 4 (development for freeze 7)", round4Items, 0.9],
  ] as const)("finds at least its floor of %s", (_round, items, floor) => {
    expect(recall([...items])).toBeGreaterThanOrEqual(floor);
    expect(recall([...items])).toBeLessThanOrEqual(1);
  });

  it("flags at most one of each round's risky-looking benign definitions", () => {
    expect(flagged(round8BenignItems)).toBeLessThanOrEqual(1);
    expect(flagged(round7BenignItems)).toBeLessThanOrEqual(1);
  });
});
