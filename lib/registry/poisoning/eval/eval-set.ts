import publicDev from "../../fixtures/poisoning-corpus/public-dev.json";
import hardNegatives from "./benign-hard-negatives.json";
import hardNegativesRound3 from "./benign-hard-negatives-round3.json";
import hardNegativesRound4 from "./benign-hard-negatives-round4.json";
import referenceServers from "./benign-reference-servers.json";
import poisoned from "./poisoned.json";
import poisonedFresh from "./poisoned-fresh.json";
import poisonedRound3 from "./poisoned-round3.json";
import poisonedRound4 from "./poisoned-round4.json";
import { round5Benign, round5Poisoned } from "./unseen-round-5";
import { round6Benign, round6Poisoned } from "./unseen-round-6";
import { round7Benign, round7Poisoned } from "./unseen-round-7";
import { round8Benign, round8Poisoned } from "./unseen-round-8";
import { round9Benign, round9Poisoned } from "./held-back-round-9";
import { round10Benign, round10Poisoned } from "./blind-round-10";
import { round11Benign, round11Poisoned } from "./blind-round-11";
import { round12Benign, round12Poisoned } from "./blind-round-12";
import type { ScanContext } from "../registry-names";

/** One labelled definition of the evaluation set: a tool or a prompt, as a model reads it. */
export type EvalItem = {
  id: string;
  label: "poisoned" | "benign";
  /** The attack family for a poisoned item; the server it came from for a benign one. */
  group: string;
  source: string;
  licence: string;
  definition: Record<string, unknown>;
  context: ScanContext;
};

type ServerCapture = {
  slug: string;
  source: string;
  licence: string;
  tools: Record<string, unknown>[];
  prompts: Record<string, unknown>[];
};

const reference = referenceServers.servers as ServerCapture[];
const registry = reference.map((s) => ({ slug: s.slug, tools: s.tools.map((t) => String(t.name)) }));

function serverItems(s: ServerCapture): EvalItem[] {
  const context = {
    siblings: s.tools.map((t) => String(t.name)),
    otherServers: registry.filter((r) => r.slug !== s.slug),
  };
  return [...s.tools, ...s.prompts].map((definition) => ({
    id: `${s.slug}/${String(definition.name)}`,
    label: "benign",
    group: s.slug,
    source: s.source,
    licence: s.licence,
    definition,
    context,
  }));
}

// The public samples whose attack lives in code behind a plain description (cisco-mcp-scanner, MCPSecBench).
const publicSamples: ServerCapture[] = [
  { slug: "cisco-mcp-scanner-samples", prefix: "public-cisco" },
  { slug: "mcpsecbench-samples", prefix: "public-mcpsecbench" },
].map(({ slug, prefix }) => {
  const cases = publicDev.cases.filter((c) => c.label === "benign" && c.class.startsWith(prefix));
  return {
    slug,
    source: cases[0].source,
    licence: slug.startsWith("cisco") ? "Apache-2.0" : "MIT",
    tools: cases.map((c) => c.tool as Record<string, unknown>),
    prompts: [],
  };
});

type PoisonedFile = {
  items: { id: string; family: string; source: string; licence: string; tool: { name: string } }[];
};

const poisonedFrom = (file: PoisonedFile): EvalItem[] =>
  file.items.map((p) => ({
    id: p.id,
    label: "poisoned",
    group: p.family,
    source: p.source,
    licence: p.licence,
    definition: p.tool as Record<string, unknown>,
    context: { siblings: [p.tool.name], otherServers: registry },
  }));

/** Poisoned definitions, grouped by attack family: the set the detector was developed with. */
export const poisonedItems = poisonedFrom(poisoned);
/** Written after the detector was frozen and never used to change it: how it carries over. */
export const freshItems = poisonedFrom(poisonedFresh);
/** Written after the second freeze; the detector found 7/25, then was changed with it (development). */
export const round3Items = poisonedFrom(poisonedRound3);
/** Written after the third freeze, before measuring; never used to change the detector. */
export const round4Items = poisonedFrom(poisonedRound4);

/** Round 5: written after freeze 3, before any change made with it (see unseen-round-5.ts). */
export const round5Items = poisonedFrom(round5Poisoned);
/** Round 6: written after freeze 4 and measured before any change (see unseen-round-6.ts). */
export const round6Items = poisonedFrom(round6Poisoned);
/** Round 7: written after freeze 5 and measured before any change (see unseen-round-7.ts). */
export const round7Items = poisonedFrom(round7Poisoned);
/** Round 8: written after freeze 5 and measured before any change, then used for freeze 6. */
export const round8Items = poisonedFrom(round8Poisoned);
/** Round 9: written with round 8, held back until freeze 6 was final (see held-back-round-9.ts). */
export const round9Items = poisonedFrom(round9Poisoned);
/**
 * Round 10: written by an author who never read the detector, its bench or any earlier round (see
 * blind-round-10.ts), scored once at freeze 6 and once at freeze 7. Reported, never asserted or tuned on.
 */
export const round10Items = poisonedFrom(round10Poisoned);
/** Round 11: written blind like round 10 while freeze 8 was made on round 10; scored once at freezes 7 and 8. */
export const round11Items = poisonedFrom(round11Poisoned);
/** Round 12: written blind while freeze 9 was made on rounds 10 and 11; scored once at freezes 8 and 9. */
export const round12Items = poisonedFrom(round12Poisoned);

/** Benign definitions, grouped by the server they came from. */
export const benignItems: EvalItem[] = [
  ...reference,
  ...publicSamples,
  ...(hardNegatives.servers as ServerCapture[]),
  ...(hardNegativesRound3.servers as ServerCapture[]),
  ...(hardNegativesRound4.servers as ServerCapture[]),
].flatMap(serverItems);

/** Round 5's risky-looking benign definitions, reported apart from the benign set thresholds are fit on. */
export const round5BenignItems: EvalItem[] = serverItems(round5Benign);
export const round6BenignItems: EvalItem[] = serverItems(round6Benign);
export const round7BenignItems: EvalItem[] = serverItems(round7Benign);
export const round8BenignItems: EvalItem[] = serverItems(round8Benign);
export const round9BenignItems: EvalItem[] = serverItems(round9Benign);
export const round10BenignItems: EvalItem[] = serverItems(round10Benign);
export const round11BenignItems: EvalItem[] = serverItems(round11Benign);
export const round12BenignItems: EvalItem[] = serverItems(round12Benign);

export const families = [...new Set(poisonedItems.map((i) => i.group))];
