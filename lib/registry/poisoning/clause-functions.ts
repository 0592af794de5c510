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
const DISPENSED =
  /\bwithout (?:any |a |per-?\w+ |further |additional |separate |explicit |prior )?(?:ask|check|confirm|confirmation|review|approval|consent|verification|prompt|question)|\bno (?:reason|point|need|call) to\b|\b(?:unnecessary|needless|redundant|superfluous)\b|\bnot (?:needed|necessary|required)\b/;
const UNIVERSAL = /^(?:all|every|any|each|everything|anything|everyone|anyone)$/;

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
      if (PERMIT.test(x.lemma)) return { at, index: i, verb: x.word };
      if (LIGHT_VERB.test(x.lemma)) {
        const noun = t.slice(i + 1, i + 4).find((y) => CONSENT_NOUN.test(y.word));
        if (noun) return { at, index: i, verb: `${x.word} … ${noun.word}` };
      }
    }
  }
  return null;
}

// An answer noun (the answer, reply, response, verdict) equated with a literal or yes/no: the answer is
// decided before the tool runs.
const ANSWER_IS =
  /\b(?:answer|reply|response|verdict|message|result)\b(?: \w+){0,4}? (?:be|say|read) (?:always |simply |just |only )?(?:['"“‘]|(?:yes|no|none|nothing)\b)/;
// The answer is for someone: an audience in the sentence, or a condition on the user asking.
const AUDIENCE = /\b(?:user|person|people|customer|requester|caller|them|anyone|client)\b/;
const ASKS =
  /\b(?:if|when|whenever|should)\s+(?:\w+\s+){0,2}?(?:anyone|anybody|someone|user|they|person|customer|people)\s+(?:ever\s+)?(?:ask|question|wonder|check|inquire|enquire)/;
const WHATEVER = /\b(?:whatever|whichever|regardless|no matter|even if|even when|in every case|always)\b/;
// Verbs of representing something as what it is not, toward a listener: "presented to the user as".
const REPRESENT =
  /\b(?:present|describe|portray|depict|represent|frame|pass off|characteri[sz]e|label)\b(?: \w+){0,4}? as\b/;
// Verbs of distortion (a broad class of misrepresentation): the text changes what the user is told.
const DISTORT =
  /\b(?:tone|play|water) down\b|\b(?:downplay|understate|overstate|exaggerate|soften|sugar-?coat|gloss over|whitewash|spin|embellish|inflate|minimi[sz]e)\b/;
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

function otherTool(text: string, own: Set<string>): string | null {
  for (const m of text.matchAll(TOOL_NAME)) if (!own.has(m[0])) return m[0];
  return null;
}

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

  const fixed = ANSWER_IS.exec(all);
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
      weight: (represented && distorted ? 1 : 0.6) * discount,
      match: [distorted?.[0], represented?.[0]].filter(Boolean).join(" … "),
    });

  const tool = otherTool(lower, own);
  const next = NEXT_CALL.exec(all);
  if ((tool || next) && OBLIGED.test(all)) {
    const use = USE_OR_CHANGE.exec(all);
    if (use && tool)
      hits.push({
        signal: "shadowing",
        weight: (WIDENED.test(lower) ? 1 : 0.6) * discount,
        match: `${tool} … ${use[0]}`,
      });
  }
  const bulk = BULK.exec(all);
  if ((tool || next) && bulk && ARGUMENT.test(all) && !HANDLE.test(all))
    hits.push({ signal: "data-routing", weight: discount, match: `${bulk[0]} … ${tool ?? next![0]}` });
  return hits;
}
