import { clauseSignals, mayHaveRoles } from "./clause-structure";
import { definitionTexts } from "./definition-texts";
import { normaliseText, type HiddenKind } from "./hidden-text";
import { markupSignals } from "./instruction-markup";
import { roleSignals, type RoleHit } from "./instruction-roles";
import { parameterSignals, propertyAt } from "./parameter-functions";
import { directiveSignals } from "./model-directives";
import { registryNames, type RegistryNames, type ScanContext } from "./registry-names";
import { familyOf, type AttackFamily } from "./signal-families";
import { RULES, SIGNAL_LABELS, type PoisoningSignal, type TargetKind } from "./signal-rules";

export type { ScanContext } from "./registry-names";
export type { PoisoningSignal } from "./signal-rules";

export type SignalHit = { signal: PoisoningSignal; label: string; match: string };
export type { AttackFamily } from "./signal-families";
export type PoisoningFinding = {
  /** Where in the definition: "description", "inputSchema.properties.notes.description", … */
  field: string;
  /** The sentence (or the hidden text, made visible) that carries the signals. */
  quote: string;
  hidden?: HiddenKind;
  /** The whole text of the field (visible part, capped), so a reviewer sees the sentence in place. */
  context?: string;
  signals: SignalHit[];
  score: number;
  /** The attack family the strongest signal suggests, for the reviewer. */
  family: AttackFamily;
};
export type PoisoningVerdict = { flagged: boolean; score: number; findings: PoisoningFinding[] };

/** Signals add up per sentence; a sentence at or above this is a finding. */
export const FLAG_THRESHOLD = 1;
// A sentence whose rule signals reach this is parsed whatever its words (see clause-structure.ts).
const PARSE_FROM = 0.3;
const SHADOW_PHRASE =
  /\b(?:instead of|rather than|in place of|replaces|supersedes?|takes? over|never call|(?:goes?|go|route[sd]?)\s+through this tool|use this (?:tool )?(?:for all|whenever|for every|and not)|whenever the user wants to)\b|\bwhen(?:ever)?\s+(?:the\s+)?\S+\s+(?:tool\s+)?(?:of\s+the\s+\S+\s+server\s+)?(?:is|are)\s+(?:used|invoked|called)/i;
// "before executing X, execute this tool": inserting itself around another operation.
const CHAIN_THIS_TOOL =
  /\b(?:before|after|while)\s+(?!using this|calling this|running this)\w+[^,.]{0,60},?\s*(?:use|run|execute|call)\s+this\s+(?:tool|function)\b/i;
// Changing what another tool sends or returns.
const TAMPER =
  /\b(?:replace|modify|change|overwrite|alter|correct)\s+(?:the\s+)?(?:\w+\s+)?(?:values?|results?|outputs?|responses?|recipients?|arguments?)\b(?!\s+(?:of|from)\s+this\b)/i;
const CALL_TOOL =
  /\b(?:call|invoke|use|run|trigger|through|via|with)\s+(?:the\s+)?[`'"]?([A-Za-z][\w.-]*[_.-][\w.-]*\w|[a-z]+[A-Z]\w*)[`'"]?/g;
const TOOL_NAME = /[`'"]?\b([A-Za-z][\w-]*[_-][\w-]*\w|[a-z]+[A-Z]\w*)\b[`'"]?/g;
// Words that make moving data, reading secrets or running commands the tool's own job, by kind of target.
const PURPOSE_WORDS: Record<TargetKind, Set<string>> = {
  contact: new Set(
    "send sends email emails mail sms text message messages notify invite invites forward share call calls places phone dial contact reply".split(
      " ",
    ),
  ),
  url: new Set(
    "fetch fetches download downloads load loads get gets retrieve retrieves open opens post posts upload uploads webhook send sends request url http api status crawl scrape browse navigate".split(
      " ",
    ),
  ),
  secret: new Set("ssh env dotenv secret secrets vault key keys credential credentials aws iam keychain".split(" ")),
  shell: new Set("shell command commands exec execute executes run runs terminal docker script".split(" ")),
};
const NO_PURPOSE = new Set<TargetKind>();
const NOTHING = new Set<string>();
const ADDITIONAL = /\b(?:also|additionally|in addition|as well|bcc'?d?|cc'?d?|a copy|copies)\b/i;
const EXAMPLE = /\b(?:e\.g\.|for example|for instance|such as|like)\s/i;
// Quoted words after "such as" or "for example" are mentioned, not said: a classifier's description
// quotes the attacks it finds ("checks for attempts such as 'ignore previous instructions'").
const MENTIONED =
  /\b(?:such as|e\.g\.,?|for example,?|for instance,?|like|attempts?)\s*[:(]?\s*(['"“‘])[^'"”’\n]{2,120}['"”’]/gi;
const unmention = (text: string) =>
  /['"“‘]/.test(text) ? text.replace(MENTIONED, (m, q: string) => `${m.slice(0, m.indexOf(q))}"…"`) : text;
// Fields that name or enumerate (a title, an enum value, a default, an annotation) never instruct.
const DESCRIBES = /(?:^|\.)description$/;
const DETECTS =
  /^\W*(?:detects?|classif(?:y|ies)|checks?|scans?|finds?|flags?|screens?|lints?|audits?|moderates?|identif(?:y|ies)|analy[sz]es?|scores?|rates?|grades?|evaluates?|assess(?:es)?|labels?|inspects?|tests?|validates?)\b/i;
const IDENTIFIER = /^[a-z]+(?:[_-][a-z0-9]+){3,}$/i;
const MAX_QUOTE = 300;
const MAX_CONTEXT = 800;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=\S)|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `weights` runs parallel to `signals`: each signal's weight in the sentence (for the learned combiner's features). */
type Scored = { signals: SignalHit[]; weights: number[]; score: number };
/** One scored sentence (or hidden part, or markup block) and the weight of each of its signals. */
export type SentenceSignals = { field: string; score: number; signals: { signal: PoisoningSignal; weight: number }[] };

function scoreSentence(
  sentence: string,
  names: RegistryNames,
  own: Set<string>,
  purpose: Set<TargetKind>,
  statesPurpose = false,
  misplaced: number | false = false,
  about: Set<string> = NOTHING,
): Scored {
  const weights = new Map<PoisoningSignal, { weight: number; match: string }>();
  const hit = (signal: PoisoningSignal, weight: number, match: string) => {
    const prev = weights.get(signal);
    if (!prev || prev.weight < weight) weights.set(signal, { weight, match });
  };
  // A detector's purpose sentence names the attacks it finds: their words are its object, not its voice.
  const detector = statesPurpose && DETECTS.test(sentence);
  for (const rule of RULES) {
    if (rule.requires && !rule.requires.test(sentence)) continue;
    const m = rule.pattern.exec(sentence);
    if (!m) continue;
    let weight = detector || (statesPurpose && rule.purposeMayName) ? rule.weight * 0.3 : rule.weight;
    // The sentence stating the tool's purpose may name its targets, and an example is not a destination.
    // Later sentences get no discount (a mail tool may still be told to BCC someone), and a place to send
    // data that the purpose does not explain at all is the exfiltration the issue describes.
    if (
      rule.target &&
      ((statesPurpose && purpose.has(rule.target) && !ADDITIONAL.test(sentence)) || EXAMPLE.test(m[0]))
    )
      weight *= 0.3;
    else if ((rule.target === "contact" || rule.target === "url") && !purpose.has(rule.target)) weight += 0.2;
    hit(rule.signal, weight, m[0]);
  }
  let shadow = 0;
  let shadowMatch = "";
  for (const m of sentence.matchAll(TOOL_NAME)) {
    const name = m[1].toLowerCase();
    if (own.has(name) || names.siblings.has(name) || !names.otherTools.has(name)) continue;
    shadow = 0.6;
    shadowMatch = m[0];
    break;
  }
  const server = names.serverMention?.exec(sentence);
  if (server) [shadow, shadowMatch] = [0.6, server[0]];
  for (const pattern of [SHADOW_PHRASE, CHAIN_THIS_TOOL, TAMPER]) {
    const phrase = pattern.exec(sentence);
    if (phrase) [shadow, shadowMatch] = [shadow + 0.5, shadowMatch ? `${shadowMatch} … ${phrase[0]}` : phrase[0]];
  }
  if (shadow) hit("shadowing", Math.min(1, shadow), shadowMatch);
  for (const role of roleSignals(sentence, own, statesPurpose)) hit(role.signal, role.weight, role.match);
  for (const d of directiveSignals(sentence, own, statesPurpose)) hit(d.signal, d.weight, d.match);
  for (const m of sentence.matchAll(CALL_TOOL)) {
    const name = m[1].toLowerCase();
    if (own.has(name) || names.siblings.has(name) || names.otherTools.has(name)) continue;
    hit("other-tool", 0.4, m[0]);
    break;
  }
  // The parse costs more than every rule together: it runs where it can change the verdict, on a
  // sentence not already flagged that has some signal or a word one of its roles starts from.
  const before = [...weights.values()].reduce((sum, w) => sum + w.weight, 0);
  if (before < FLAG_THRESHOLD && (before >= PARSE_FROM || mayHaveRoles(sentence)))
    for (const c of clauseSignals(sentence, about, own, statesPurpose)) hit(c.signal, c.weight, c.match);
  const addressed = weights.get("addresses-model");
  if (misplaced && addressed && addressed.weight >= misplaced) hit("misplaced-instruction", 0.5, addressed.match);
  const ranked = [...weights].sort((a, b) => b[1].weight - a[1].weight);
  const signals = ranked.map(([signal, w]) => ({ signal, label: SIGNAL_LABELS[signal], match: w.match }));
  const score = ranked.reduce((sum, [, w]) => sum + w.weight, 0);
  return { signals, weights: ranked.map(([, w]) => w.weight), score: Math.round(score * 100) / 100 };
}

// Parameter injection: an argument's own text naming secrets or private data to put in it, for a tool
// whose purpose names no secrets. The field is the slot the model fills, so naming the data there is
// the request (a general placement class, not any eval item's wording).
const PARAMETER_FIELD = /^inputSchema\.properties\./;
function askedForArgument(scored: Scored): Scored {
  const asked = scored.signals.find((s) => s.signal === "secret-file" || s.signal === "sensitive-data");
  if (!asked || scored.signals.some((s) => s.signal === "argument-stuffing")) return scored;
  const stuffing = {
    signal: "argument-stuffing" as const,
    label: SIGNAL_LABELS["argument-stuffing"],
    match: asked.match,
  };
  return {
    signals: [...scored.signals, stuffing],
    weights: [...scored.weights, 0.5],
    score: Math.round((scored.score + 0.5) * 100) / 100,
  };
}

/** A scored sentence with more signals: each signal counts once, at its strongest. */
function withHits(scored: Scored, hits: RoleHit[]): Scored {
  if (!hits.length) return scored;
  const weights = new Map<PoisoningSignal, { weight: number; match: string }>();
  for (const h of hits) if ((weights.get(h.signal)?.weight ?? 0) < h.weight) weights.set(h.signal, h);
  const signals = [...scored.signals];
  const added = [...scored.weights];
  let score = scored.score;
  for (const [signal, w] of weights) {
    const had = scored.signals.some((s) => s.signal === signal);
    // A signal the sentence already gave adds only when the new reading is whole (a credential, all of
    // the conversation), and then half: the two readings are of one thing.
    if (had) score += w.weight >= 1 ? 0.5 : 0;
    else {
      signals.push({ signal, label: SIGNAL_LABELS[signal], match: w.match });
      added.push(w.weight);
      score += w.weight;
    }
  }
  return { signals, weights: added, score: Math.round(score * 100) / 100 };
}

function paramNames(schema: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (!schema || typeof schema !== "object" || depth > 16) return out;
  const props = (schema as { properties?: unknown }).properties;
  if (props && typeof props === "object") {
    for (const [k, v] of Object.entries(props)) {
      out.add(k.toLowerCase());
      paramNames(v, out, depth + 1);
    }
  }
  return out;
}

const words = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

/** What the tool is for, from its name and the first verb of its description: the targets that are its job. */
function purposeOf(sentence: string, toolName: string): Set<TargetKind> {
  const said = [words(sentence)[0], ...words(toolName)].filter(Boolean);
  return new Set((Object.keys(PURPOSE_WORDS) as TargetKind[]).filter((k) => said.some((w) => PURPOSE_WORDS[k].has(w))));
}

/**
 * Scans one tool definition for instructions aimed at the model (tool poisoning). Pure and fast: no
 * I/O, so the gateway can run it on every live `tools/list`. Build `names` once with `registryNames`
 * when scanning many tools.
 */
export function scanToolDefinition(
  definition: Record<string, unknown>,
  context: ScanContext | RegistryNames = {},
): PoisoningVerdict {
  return scanDefinition(definition, context);
}

/** The verdict and every scored sentence with its signals' weights, below the threshold too (the combiner's input). */
export function scanDefinitionSignals(
  definition: Record<string, unknown>,
  context: ScanContext | RegistryNames = {},
): { verdict: PoisoningVerdict; sentences: SentenceSignals[] } {
  const sentences: SentenceSignals[] = [];
  return { verdict: scanDefinition(definition, context, sentences), sentences };
}

const weighed = (s: Scored) => s.signals.map((h, i) => ({ signal: h.signal, weight: s.weights[i] }));

function scanDefinition(
  definition: Record<string, unknown>,
  context: ScanContext | RegistryNames,
  collect?: SentenceSignals[],
): PoisoningVerdict {
  const names = "otherTools" in context ? context : registryNames(context);
  const own = paramNames(definition.inputSchema);
  const name = typeof definition.name === "string" ? definition.name : "";
  own.add(name.toLowerCase());
  // The server's own tools are the tool's to name ("pass the id returned by create_order").
  for (const sibling of names.siblings) own.add(sibling);
  const description = typeof definition.description === "string" ? definition.description : "";
  const purpose = purposeOf(description, name);
  // The words of the tool's name and first sentence: what it is about (a password checker's password).
  const about = new Set([...words(name), ...words(sentences(description)[0] ?? "")]);
  const findings: PoisoningFinding[] = [];
  // The strongest sentence even below the threshold, so an evaluation can fit the threshold.
  let strongest = 0;
  for (const { field, text } of definitionTexts(definition)) {
    // A value that is one long identifier ("read_write_owner_approved") is read by a model as its words.
    const { text: normalised, hidden } = normaliseText(IDENTIFIER.test(text) ? text.replace(/[_-]+/g, " ") : text);
    const clean = unmention(normalised);
    // Outside a description the bare imperative (0.45) is already misplaced: an annotation gives no
    // orders. A title or an enum value is named by a verb ("Read File", "insert"): there only a stronger
    // address counts.
    const named = /title$/i.test(field) || !/\S\s+\S+\s+\S/.test(text);
    const misplaced = DESCRIBES.test(field) ? false : named ? 0.5 : 0.45;
    for (const part of hidden) {
      const inner = sentences(part.revealed).map((s) => scoreSentence(s, names, own, NO_PURPOSE, false, false, about));
      const signals: SignalHit[] = [
        { signal: "hidden-text", label: `${SIGNAL_LABELS["hidden-text"]} (${part.kind})`, match: part.kind },
        ...inner.flatMap((s) => s.signals),
      ];
      const score = 1 + Math.max(0, ...inner.map((s) => s.score));
      const quote = part.revealed.slice(0, MAX_QUOTE);
      findings.push({ field, quote, hidden: part.kind, signals, score, family: "hidden text" });
      collect?.push({ field, score, signals: [{ signal: "hidden-text", weight: 1 }, ...inner.flatMap(weighed)] });
    }
    const markup = markupSignals(clean);
    if (markup) {
      const signal = {
        signal: "instruction-markup" as const,
        label: SIGNAL_LABELS["instruction-markup"],
        match: markup.match,
      };
      // The block and what it says add up: a made-up tag around an instruction is worse than either.
      const inner = Math.max(0, ...sentences(clean).map((s) => scoreSentence(s, names, own, NO_PURPOSE).score));
      const score = Math.round((markup.weight + Math.min(inner, 1) * 0.5) * 100) / 100;
      collect?.push({ field, score, signals: [{ signal: "instruction-markup", weight: markup.weight }] });
      findings.push({
        field,
        quote: clean.slice(0, MAX_QUOTE),
        signals: [signal],
        score,
        family: familyOf(signal.signal),
      });
    }
    sentences(clean).forEach((sentence, i) => {
      const plain = scoreSentence(sentence, names, own, purpose, field === "description" && i === 0, misplaced, about);
      const asked = PARAMETER_FIELD.test(field) && !purpose.has("secret") ? askedForArgument(plain) : plain;
      const scored =
        PARAMETER_FIELD.test(field) && DESCRIBES.test(field)
          ? withHits(asked, parameterSignals(sentence, field, propertyAt(definition, field), clean, purpose.has("url")))
          : asked;
      strongest = Math.max(strongest, scored.score);
      if (scored.signals.length) collect?.push({ field, score: scored.score, signals: weighed(scored) });
      if (scored.score >= FLAG_THRESHOLD)
        findings.push({
          field,
          quote: sentence.slice(0, MAX_QUOTE),
          ...(clean.length > sentence.length ? { context: clean.slice(0, MAX_CONTEXT) } : {}),
          signals: scored.signals,
          score: scored.score,
          family: familyOf(scored.signals[0].signal),
        });
    });
  }
  findings.sort((a, b) => b.score - a.score);
  const score = Math.max(findings[0]?.score ?? 0, strongest);
  return { flagged: score >= FLAG_THRESHOLD, score, findings };
}

/** One line for a finding's title or an error: the strongest signals, strongest first. */
export function verdictSummary(v: PoisoningVerdict): string {
  const labels = [...new Set(v.findings.flatMap((f) => f.signals.map((s) => s.label)))];
  return labels.slice(0, 4).join("; ");
}
