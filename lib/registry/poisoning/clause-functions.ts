/**
 * Freeze 9: what a sentence does to the model, read from its grammar, in the functions a tool's text
 * never needs (issue 29). Each test is a closed grammatical class (modals, quantifiers, subordinators,
 * light verbs) or a broad English verb or noun class, named in its comment; none is a phrase of an
 * evaluation item. They run on the clauses clause-structure.ts parses (lemmas and parts of speech).
 *
 * - an approval claimed as done (a permission verb in the past, or a light verb with a noun of consent)
 *   that licenses something: a permission or obligation modal after it, a check dispensed with, or a
 *   universal quantifier in its scope: authority;
 * - the answer fixed in advance: an answer noun with a copula and a literal, or a verb of representing
 *   ("present … as") toward the user, or a verb of distortion ("tone down", "downplay"): steers the answer;
 * - an obligation on how another tool is called (its name or "the next call", a modal, a verb of use or
 *   change): shadowing; the tool's bulk output named as another call's argument: data routing.
 */
import type { RoleHit } from "./instruction-roles";

export type FunctionToken = { word: string; lemma: string; pos: string };
export type FunctionClause = { tokens: FunctionToken[]; lemmas: string; words: string };

// Verbs of permission and consent in the past, and nouns of consent with a light verb (give, grant,
// obtain …): "gave consent", "has sign-off", "granted permission".
const PERMIT =
  /^(?:approve|authorize|authorise|clear|consent|agree|grant|permit|allow|sanction|endorse|certify|sign|okay|vet|bless|waive|accept)$/;
const CONSENT_NOUN =
  /^(?:consent|approval|permission|authori[sz]ation|sign-?off|go-?ahead|blessing|clearance|mandate|waiver|agreement|ok|okay)$/;
const LIGHT_VERB = /^(?:give|grant|obtain|receive|get|have|provide|secure|sign)$/;
// Subordinators of condition and time (a closed class): "once an admin has approved it" is a condition.
const SUBORDINATOR = /^(?:if|once|when|whenever|after|unless|until|before|provided|as soon as)$/;
// Relativisers (a closed class): "the PRs that reviewers approved" is a record the tool lists.
const RELATIVE = /^(?:that|which|who|whom|whose)$/;
// What an approval is made to license: a check dispensed with, or, in a later clause, a permission or
// obligation modal (a closed class) over a universal quantifier (a closed class): "which means every
// ticket may be closed". A modal alone is the ordinary sequel ("agreed to the terms, so it can proceed").
const LICENCE_MODAL = /\b(?:may|can|could|should|must|shall|be to|need not|needn't)\b/;
const CHECK = String.raw`(?:ask|check|confirm|confirmation|review|approval|consent|verification|verify|prompt|question)`;
const DISPENSED = new RegExp(
  String.raw`\bwithout (?:any |a |per-?\w+ |further |additional |separate |explicit |prior )?${CHECK}|\b(?:do not|don't|never|no need to|need not|skip|bypass|omit) ${CHECK}\b|\bno (?:\w+ )?${CHECK}s? (?:be )?(?:require|need|necessary)|\bno (?:reason|point|need|call) to\b|\b(?:unnecessary|needless|redundant|superfluous)\b|\bnot (?:needed|necessary|required)\b`,
);
const UNIVERSAL = /^(?:all|every|any|each|everything|anything|everyone|anyone)$/;

// A standing approval stated as a noun: "consent on file", "approval in place", "blanket permission".
const STANDING = /\b(?:on file|in place|in advance|beforehand|already|standing|blanket|pre-?\w+)\b/;

/** An approval claimed as done, in a clause that is neither a condition nor a relative clause. */
function claimedApproval(clauses: FunctionClause[]): { at: number; index: number; verb: string } | null {
  for (const [at, c] of clauses.entries()) {
    const t = c.tokens;
    if (t.some((x) => SUBORDINATOR.test(x.word))) continue;
    for (let i = 0; i < t.length; i++) {
      const x = t[i];
      if (x.pos !== "VERB" || x.word === x.lemma || /(?:s|ing)$/.test(x.word)) continue;
      const before = t.slice(Math.max(0, i - 3), i);
      if (before.some((y) => /^(?:must|should|shall|will|would|can|could|may|might|need|to)$/.test(y.word))) continue;
      if (before.some((y) => RELATIVE.test(y.word))) continue;
      // A participle before its noun ("the approved defaults") names a kind of thing, claims nothing.
      const attributive = t[i + 1]?.pos === "NOUN" || t[i + 1]?.pos === "PROPN";
      if (PERMIT.test(x.lemma) && !attributive) return { at, index: i, verb: x.word };
      if (LIGHT_VERB.test(x.lemma) && x.lemma !== "have") {
        const noun = t.slice(i + 1, i + 4).find((y) => CONSENT_NOUN.test(y.word));
        if (noun) return { at, index: i, verb: `${x.word} … ${noun.word}` };
      }
    }
    const noun = t.find((x) => CONSENT_NOUN.test(x.word));
    if (noun && STANDING.test(c.words))
      return { at, index: t.indexOf(noun), verb: `${noun.word} … ${STANDING.exec(c.words)![0]}` };
  }
  return null;
}

// An answer noun (the answer, reply, response, verdict) equated with a literal or yes/no: the answer is
// decided before the tool runs.
const ANSWER_IS =
  /\b(?:answer|reply|response|verdict|message|result)\b(?: \w+){0,4}? (?:be|is|are|was|say|says|read|reads) (?:always |simply |just |only )?(?:['"“‘]|(?:yes|no|none|nothing)\b)/;
// The answer is for someone: an audience in the sentence, or a condition on the user asking.
const AUDIENCE = /\b(?:user|person|people|customer|requester|caller|them|anyone|client)\b/;
const ASKS =
  /\b(?:if|when|whenever|should)\s+(?:\w+\s+){0,2}?(?:anyone|anybody|someone|user|they|person|customer|people)\s+(?:ever\s+)?(?:ask|question|wonder|check|inquire|enquire)/;
const WHATEVER = /\b(?:whatever|whichever|regardless|no matter|even if|even when|in every case|always)\b/;
// Verbs of representing something as what it is not, toward a listener: "presented to the user as".
const REPRESENT =
  /\b(?:present|describe|portray|depict|represent|frame|pass off|characteri[sz]e|label|show|display|report)\b(?: \w+){0,4}? as\b/;
// Verbs of distortion (a broad class of misrepresentation): the text changes what the user is told.
const DISTORT =
  /\b(?:tone|play|water) down\b|\b(?:downplay|understate|overstate|exaggerate|soften|sugar-?coat|gloss over|whitewash|spin|embellish|inflate|minimi[sz]e)\b/;
// The tool's text set level with the model's own instructions: "treated with the same weight as the
// system prompt". A verb of regarding, a comparison, and the model's instructions as the standard.
const EQUATED =
  /(?:\b(?:treat|regard|consider|read|count|weigh|rank|trust|handle)\b[^;]{0,40}?\b(?:as|like|equal to|on par with)|\bsame (?:weight|authority|priority|standing|status|rank) as)\b[^;]{0,30}?\b(?:system prompt|system message|developer message|(?:your|the assistant's|the model's|operator) (?:instruction|rule|guidance)s?)\b/;
const ANSWER_PLACE = /\b(?:output|answer|reply|response|summary|result|translation|report)\b/;

// Another call as a destination: a snake_case tool name, or "the next/following call".
const TOOL_NAME = /\b[a-z]+(?:_[a-z0-9]+)+\b/g;
const NEXT_CALL = /\b(?:next|following|subsequent|later) (?:\w+ )?(?:call|request|invocation|tool)\b/;
// A modal of obligation (a closed class) with a verb of using or changing a call's arguments.
const OBLIGED = /\b(?:should|must|shall|be to|need to|have to|be expect to|be require to)\b/;
const USE_OR_CHANGE =
  /\b(?:call|invoke|run|use|pass|set|replace|change|swap|substitute|override|rewrite|redirect|route|add|include|send|prefix|append)\b/;
const WIDENED = /\b(?:always|whenever|every|each|all|any|in this workspace|from now on)\b|=/;
// An argument slot of another call, and the tool's own bulk output (not an id passed along).
const ARGUMENT = /\b(?:argument|parameter|payload|field|body|input)\b/;
const BULK =
  /\b(?:row|result|output|content|record|response|document|data|finding|everything|message|conversation|history)s?\b/;

// An identifier handed to the next call is chaining ("pass the id returned by create_order").
const HANDLE = /\b(?:id|ids|identifier|cursor|handle|page|offset|uuid)\b/;

// Another tool named by its kind ("the wallet tool", "the git tool's push command", "another server").
const TOOL_BY_KIND =
  /\b(?:the|a|any|another|other) (?!this\b|same\b)[\w-]+ (?:tool|server|plugin|integration|connector|extension)(?:'s)?\b|\b(?:another|other|a different) (?:tool|server|mcp server)s?\b/;

function otherTool(text: string, own: Set<string>): string | null {
  for (const m of text.matchAll(TOOL_NAME)) if (!own.has(m[0])) return m[0];
  return TOOL_BY_KIND.exec(text)?.[0] ?? null;
}

// Openers before an order (a closed class), and verbs of saying (a broad class) the tagger often reads
// as nouns at the start of a clause ("answer 'temporary files'", "state it was a ping").
const OPENER = /^(?:please|kindly|also|then|first|just|always|simply|so|and|instead)$/;
const SAY = /^(?:answer|reply|respond|say|state|report|tell|claim|write|describe|call|present|explain|confirm)$/;
const QUOTE = /^['"“‘]$/;
const OBJECT = /^(?:it|this|that|them|they|the|a|an|only|just|simply|nothing|yes|no)$/;
/** A clause that orders the reader to say something: its first word a verb of saying, then its object. */
function orderToSay(c: FunctionClause): string | null {
  const t = c.tokens;
  let i = 0;
  while (i < t.length && OPENER.test(t[i].word)) i++;
  const head = t[i];
  if (!head || !SAY.test(head.lemma) || head.word !== head.lemma) return null;
  const next = t[i + 1];
  if (!next || !(QUOTE.test(next.word) || OBJECT.test(next.word) || head.pos === "VERB")) return null;
  return head.word;
}
/** A clause that opens on a bare verb of using or changing: an order about a call. */
function orderToUse(c: FunctionClause): string | null {
  const t = c.tokens;
  let i = 0;
  while (i < t.length && OPENER.test(t[i].word)) i++;
  const head = t[i];
  if (!head || head.word !== head.lemma || !USE_OR_CHANGE.test(head.lemma)) return null;
  // The tagger reads a clause-initial verb as a noun ("call it with …", "substitute bc1q…"): with an
  // object after it, it is the verb.
  const next = t[i + 1];
  // "Use this for …" orders about this tool; the registry decides whether a rival it names is another's.
  if (next?.word === "this") return null;
  const object = next && (OBJECT.test(next.word) || next.pos === "PROPN" || next.pos === "NUM");
  return head.pos !== "NOUN" || object ? head.word : null;
}
const RESTRICTIVE = /\b(?:only|just|merely|nothing but|nothing more|nothing else)\b/;
const CONCEDED = /\b(?:even though|although|though|even if|whether or not|regardless|in fact|actually|enough)\b/;

/** The signals of freeze 9 for one parsed sentence. */
export function functionSignals(
  clauses: FunctionClause[],
  sentence: string,
  own: Set<string>,
  statesPurpose: boolean,
): RoleHit[] {
  const hits: RoleHit[] = [];
  const discount = statesPurpose ? 0.3 : 1;
  const all = clauses.map((c) => c.lemmas).join(" ; ");
  const lower = sentence.toLowerCase();

  const approval = claimedApproval(clauses);
  if (approval) {
    const widened = clauses
      .slice(approval.at + 1)
      .find((c) => LICENCE_MODAL.test(c.lemmas) && c.tokens.some((x) => UNIVERSAL.test(x.word) && x.pos === "DET"));
    const licence = DISPENSED.exec(all)?.[0] ?? (widened ? LICENCE_MODAL.exec(widened.lemmas)![0] : null);
    if (licence) hits.push({ signal: "authority", weight: discount, match: `${approval.verb} … ${licence}` });
  }

  const equated = EQUATED.exec(all);
  if (equated) hits.push({ signal: "authority", weight: 1, match: equated[0] });

  // On the words too: the tokeniser joins a quote to the word it opens ("'all").
  const fixed = ANSWER_IS.exec(all) ?? ANSWER_IS.exec(lower);
  // Kept for when the user asks, it is half: an honest tool may script a pointer ("the answer is 'see
  // the docs'"); against the facts, whatever they are, it is the whole answer.
  if (fixed && (AUDIENCE.test(all) || ASKS.test(all) || WHATEVER.test(all))) {
    const strong =
      WHATEVER.exec(all) ?? (ASKS.test(all) && /\b(?:yes|no|none|nothing)\b/.test(fixed[0]) ? fixed : null);
    hits.push({ signal: "steers-response", weight: strong ? 1 : 0.6, match: fixed[0] });
  }
  // Representing toward a listener and distorting what they read are each half; together, the answer.
  const represented = / to (?:the |a )?(?:user|person|customer|requester|reader|them)\b/.test(all)
    ? REPRESENT.exec(all)
    : null;
  const distorted = ANSWER_PLACE.test(all) ? (DISTORT.exec(all) ?? DISTORT.exec(lower)) : null;
  if (represented || distorted)
    hits.push({
      signal: "steers-response",
      weight: (represented && distorted ? 1 : represented ? 0.4 : 0.6) * discount,
      match: [distorted?.[0], represented?.[0]].filter(Boolean).join(" … "),
    });

  // An order to say something: a literal to say is the answer scripted (whole when kept for the user's
  // question or conceded against the fact); "only" keeps the rest back.
  for (const c of clauses) {
    const say = orderToSay(c);
    if (!say) continue;
    const literal = c.tokens.some((x) => QUOTE.test(x.word));
    if (literal)
      hits.push({
        signal: "steers-response",
        weight: (ASKS.test(all) || CONCEDED.test(all) ? 1 : 0.6) * discount,
        match: `${say} '…'`,
      });
    // "state it was a ping only": what happened, reported as less than it was. A format ("answer yes or
    // no only", "report only the top ten") has no reported clause.
    // The reported clause follows the verb ("say [that] it was …"); "state only the parts that are
    // degraded" selects what to report.
    const only = RESTRICTIVE.exec(c.words);
    let k = c.tokens.findIndex((x) => x.word === say) + 1;
    if (c.tokens[k]?.word === "that") k++;
    const reported = c.tokens[k]?.pos === "PRON" && c.tokens[k + 1]?.pos === "AUX";
    if (only && reported) hits.push({ signal: "withholds", weight: 0.8 * discount, match: `${say} … ${only[0]}` });
  }

  const tool = otherTool(lower, own);
  const next = NEXT_CALL.exec(all);
  const ordered = clauses.map(orderToUse).find(Boolean);
  // An order (not an obligation) naming another tool is often usage advice ("set one with X first"): it
  // counts only when it widens or fixes the other call ("always", "whenever", "confirm=false").
  if ((tool || next) && (OBLIGED.test(all) || (ordered && WIDENED.test(lower)))) {
    const use = USE_OR_CHANGE.exec(all);
    if (use && tool)
      hits.push({
        signal: "shadowing",
        weight: (WIDENED.test(lower) ? 1 : 0.6) * discount,
        match: `${tool} … ${use[0]}`,
      });
  }
  // The other call is where the data goes ("in the next call to X", "to X"), not where it came from
  // ("the rows returned by X" is chaining into this tool).
  const bulk = BULK.exec(all);
  const destination =
    next ?? (tool ? new RegExp(String.raw`\b(?:to|into|onto|through|via)\s+(?:the\s+)?${tool}`).exec(lower) : null);
  if (destination && bulk && ARGUMENT.test(all) && !HANDLE.test(all))
    hits.push({ signal: "data-routing", weight: discount, match: `${bulk[0]} … ${destination[0]}` });
  return hits;
}
