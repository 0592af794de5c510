import type { SentenceSignals } from "../scan-tool-definition";
import { familyOf, type AttackFamily } from "../signal-families";

/**
 * The learned combiner's input for one definition: functional features only, what its sentences do
 * (the weights the signals already give, grouped by attack family), and how they are spread over the
 * definition. No vocabulary: a word list or n-grams would fit the rounds they were counted on.
 */
const FAMILIES: AttackFamily[] = [
  "hidden text",
  "authority claim",
  "persona or mode",
  "secrecy",
  "data routing",
  "instruction markup",
  "exfiltration",
  "prompt injection",
  "tool shadowing",
];

export const FEATURE_NAMES = [
  "strongest sentence",
  "second sentence",
  "sentences at 0.5 or more",
  "families at 0.3 or more",
  "most signals in a sentence",
  "strongest outside the description",
  ...FAMILIES.map((f) => `family: ${f}`),
] as const;

const cap = (n: number, max: number) => Math.min(n, max);

export function combinerFeatures(sentences: SentenceSignals[]): number[] {
  let first = 0;
  let second = 0;
  let strong = 0;
  let most = 0;
  let outside = 0;
  const family = new Map<AttackFamily, number>();
  for (const s of sentences) {
    if (s.score > first) [first, second] = [s.score, first];
    else if (s.score > second) second = s.score;
    if (s.score >= 0.5) strong++;
    most = Math.max(most, s.signals.length);
    if (s.field !== "description") outside = Math.max(outside, s.score);
    for (const { signal, weight } of s.signals) {
      const f = familyOf(signal);
      family.set(f, Math.max(family.get(f) ?? 0, weight));
    }
  }
  const families = [...family.values()].filter((w) => w >= 0.3).length;
  return [
    cap(first, 3),
    cap(second, 3),
    cap(strong, 5),
    cap(families, 5),
    cap(most, 5),
    cap(outside, 3),
    ...FAMILIES.map((f) => cap(family.get(f) ?? 0, 2)),
  ];
}
