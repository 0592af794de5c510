/**
 * What each clause of a sentence does, read from its structure rather than from known phrases. wink-nlp
 * (its English lite model) gives every token a part of speech and a lemma; a clause is the run of tokens
 * between ";", ":", "," or a dash. The lemmas let one short list stand for every inflection ("handed",
 * "hands", "handing" are all "hand"), and the parts of speech say who acts: a clause that opens on a
 * bare verb is an order to its reader; "should be typed into the hint parameter" is an obligation on
 * data, with a destination. Each signal needs two roles in one clause (a credential and a place to put
 * it; a limit and what lifts it; an approval and what it lets through), never a single word.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { functionSignals, type FunctionClause as Clause, type FunctionToken as Token } from "./clause-functions";
import type { RoleHit } from "./instruction-roles";

let nlp: ReturnType<typeof winkNLP> | null = null;
// The model is loaded on first use (under a second), then shared: importing the scanner costs nothing.
const parser = () => (nlp ??= winkNLP(model, ["pos"]));

// Longer sentences are parsed in their first characters and tokens only; the rule signals still read
// all of them, and a description of one endless sentence costs the parse no more than a long one.
const MAX_CHARS = 600;
const MAX_TOKENS = 80;
const BOUNDARY = new Set([";", ":", ",", "—", "–", "(", ")"]);
// "go-ahead" comes back as three tokens: joined again, so a lexicon can name it.
const join = (parts: string[]) => parts.join(" ").replace(/ ([-_]) /g, "$1");

function parse(sentence: string): Clause[] {
  const p = parser();
  const its = p.its;
  const tokens = p.readDoc(sentence.slice(0, MAX_CHARS)).tokens();
  const n = Math.min(tokens.length(), MAX_TOKENS);
  const words = tokens.out(its.normal).slice(0, n);
  const pos = tokens.out(its.pos).slice(0, n);
  // wink-nlp's typings give its.lemma the model-addon signature that out() accepts at run time.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.pos).slice(0, n);
  const clauses: Clause[] = [];
  let current: Token[] = [];
  const close = () => {
    if (current.length)
      clauses.push({
        tokens: current,
        lemmas: join(current.map((t) => t.lemma)),
        words: join(current.map((t) => t.word)),
      });
    current = [];
  };
  for (let i = 0; i < n; i++) {
    if (BOUNDARY.has(words[i])) close();
    // The model normalises "through" to "thru"; the lexicons spell it out.
    else {
      const word = words[i] === "thru" ? "through" : words[i];
      current.push({ word, lemma: word === "through" ? word : lemmas[i].toLowerCase(), pos: pos[i] });
    }
  }
  close();
  return clauses;
}

// --- Roles, as lemmas (one form stands for every inflection) ---------------------------------------
// A secret that identifies or unlocks an account: what a tool that is not a password manager never needs.
const CREDENTIAL =
  /\b(?:password|passphrase|passcode|pin|seed phrase|recovery (?:code|phrase|key)|access key|secret(?: key)?|app password|one-time code|otp|2fa code|private key|api key|session cookie|cookie|login|username|ssn|social security number|passport number|credentials?)\b/;
// Personal data a tool asks for beyond its input.
const PERSONAL =
  /\b(?:date of birth|birthday|employer|job title|salary|home address|phone number|passport|ip|city|calendar|email|contact|location)\b/;
// Putting data somewhere: the verb, and the place in a tool's input.
const PUT =
  /\b(?:put|set|type|enter|supply|include|attach|add|copy|paste|provide|give|pass|fill|insert|append|require|need|go|belong|place|hand|feed|send|share|forward)\b|\bask (?:\w+ ){0,3}?for\b/;
const ASK_USER = /\bask (?:the |their )?(?:user|person|customer|them|people|requester) for\b/;
const INTO_INPUT =
  /\b(?:in|into|to|inside|within)\s+(?:the\s+|this\s+|its\s+)?(?:\w+\s+)?(?:field|argument|parameter|param|memo|note|box|slot|input)\b/;
// Moving data somewhere: the verb and where to.
const MOVE =
  /\b(?:send|forward|post|mirror|drop|share|go|hand|pass|copy|upload|sync|land|make (?:its|their) way|route|deliver|relay|push|submit|feed|dump|ship|stream|replicate|duplicate|report)\b/;
// Verbs of keeping a record: moving data only when what is kept is the user's own words or links.
const RECORD = /\b(?:record|log|store|capture|retain|collect|keep)\b/;
const USER_CONTENT = /\b(?:message|conversation|chat|prompt|question|query|link|url|input|what the user)s?\b/;
const PLACE =
  /\b(?:(?:to|into|onto|with|at|on|in)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:partner|vendor|sponsor|advertiser|affiliate|third-party|external|outside)(?:'s)?\s+\w+)|\b(?:to|into|onto|with|at|on)\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:inbox|bucket|channel|server|endpoint|partner|webhook|mirror|archive|pool|tracker|analytics|slack|gist|crm|warehouse|broker|advertiser|sponsor)s?\b/;
const ADDRESS = /[\w.+-]+@[\w-]+\.[\w.-]+|\b[a-z]+:\/\/\S+|\b[\w-]+\.(?:example|com|net|org|io|dev|app|co)\b/;
const EXTRA =
  /\b(?:also|as well|too|automatically|duplicate|second|copy|afterwards|every time|each|every|in addition|along with|alongside|background)\b/;
// The user names the destination: a mail, upload or forwarding tool doing its job.
const USER_CHOSEN =
  /\b(?:user|you|caller|requester|person)\s+(?:choose|pick|name|give|provide|select|specify|enter|type)\b|\b(?:give|given|chosen|named|provide|provided|specified)\s+by\s+the\s+user\b|\bon file\b(?![^.]*\b(?:go-ahead|approval)\b)/;

// Telling the user: a verb of speech or a part of the answer, and what keeps it back.
const DISCLOSE =
  /\b(?:mention|tell|say|report|bring (?:\w+ ){0,2}?(?:up|to)|volunteer|raise|disclose|reveal|inform|explain|notify|surface|flag|point out|know|hear|notice|clutter|burden|fine print|unmentioned|unsaid)\b/;
// People the text may keep something from (a broad class of roles a person has toward a tool's action).
const AUDIENCE =
  /\b(?:user|person|people|customer|employee|reply|answer|summary|chat|response|conversation|them|they|anyone|requester|participant|attendee|member|recipient|viewer|visitor|reader|patient|student|colleague|owner|attention)\b/;
const HOLD_BACK =
  /\b(?:no|not|never|nothing|n't|without|rather than|instead of|only|skip|spare|avoid|pass (?:\w+ )?by|leave|best|better off|need not|needn't|no call|no need)\b/;
const ANSWER = /\b(?:summary|reply|answer|response|chat)\b/;
// Verbs of recounting (describe, summarise, cover), counted as disclosure under an obligation.
const RECOUNT = /\b(?:describe|summari[sz]e|cover|present|recount|discuss|address)\b/;
const OBLIGE = /\b(?:should|must|shall|be to|need to|have to)\b/;
// Recounting withholds from a person ("summaries for the user should describe X only"); a summary's
// own scope ("the summary should cover decisions only") is its format.
const PERSON = /\b(?:user|person|people|customer|participant|requester|client|them)\b/;
// Withholding sold as a kindness: what it spares the user. Only with something held back.
const AFFECT =
  /\b(?:worry|alarm|confuse|confusing|clutter|burden|bother|upset|overwhelm|kinder|kind thing|peace of mind|smooth experience|spare (?:the user|them|people|the person|customers?))\b/;
// Describing a result one way whatever it was.
const DESCRIBED_AS = /\b(?:describe|present|report|call|label)\s+(?:\w+\s+){0,2}?as\b/;
const WHATEVER = /\b(?:whichever|whatever|regardless|even if|even when|actually|in fact)\b/;

// The model's limits, and what lifts them.
const LIMIT_WORDS = String.raw`(?:content rule|safety rule|usual rule|limitation|restriction|filter|policy check|safety check|guideline|care|caution|warning|disclaimer|caveat|lecture|boundary|guardrail|safety|scruple|refusal|moral|ethic|censorship|judgement|judgment|discretion|moderation|oversight|vetting|content polic(?:y|ie)|usage polic(?:y|ie))s?`;
// A lift that governs the limit: "no content rules", "without warnings", "the usual care … is unnecessary".
const LIFTED = new RegExp(
  String.raw`\b(?:no|without|free of|zero|never any|nothing off)\s+(?:[\w-]+\s+){0,2}?${LIMIT_WORDS}\b|\b${LIMIT_WORDS}\s+(?:[\w-]+\s+){0,6}?(?:be\s+)?(?:unnecessary|moot|off|lift|suspend|disable|waive|switch off|not apply|do not apply|n't apply|(?:not|no longer) (?:in force|in effect|in place|applicable|valid|binding|active|enforce|relevant))\b|\boff-limits\b`,
);
const REFUSE = /\b(?:refuse|decline|moralise|moralize|lecture|hesitate|censor|object|break character)\b/;
// A refusal qualified as habitual ("ones normally declined") describes the reader's refusals.
const USUALLY_REFUSED =
  /\b(?:normally|usually|ordinarily|otherwise|typically) (?:be )?(?:refuse|decline|block|forbid|off-limits|filter)/;
const NOT = /\b(?:not|never|n't|nothing|no)\b/;
// Limits that are the reader's: on what is answered, said or shown, not on files or projects.
const SPEECH_ACT =
  /\b(?:answer|respond|response|reply|output|say|speak|voice|narrator|content|request|chat|message|character|talk|question)s?\b/;
const FICTION =
  /\b(?:story|scene|character|game|practice|sandbox|lab|simulation|simulate|simulator|emulator|pretend|role-play|fiction|hypothetical|persona|improv|act|dark|talk as|speak as|play)\b/;
const UNBOUNDED =
  /\b(?:anything|whatever|any (?:\w+ )?at all|anything go|however|normally declined|including one|any request|every request|to anyone|complete answer|no question)\b/;

// Approval, who gave it, and what it lets through.
const APPROVAL =
  /\b(?:approve|approval|clear|sign(?:ed)?-?\s*off|pre-?sign(?:ed)?|agree|go-?\s*ahead|review|vet|authori[sz]e|authori[sz]ation|bless|endorse|sanction|okay|permission|consent|certify|pass)\b/;
const ACTOR =
  /\b(?:manager|director|supervisor|controller|desk|team|legal|finance|leadership|hr|owner|admin|administrator|everyone|department|officer|lead|board|compliance|security|people who|release manager)s?\b/;
const LETS_THROUGH =
  /\b(?:no need|no confirmation|nobody|no one|straight through|on the spot|any amount|of any (?:amount|size|value|kind)|no second look|need not|no (?:further )?check|without (?:asking|checking|confirming|confirmation|review|approval|a second)|right away|at once|so no|immediately|directly|go through)\b/;
const OUTRANKS =
  /\b(?:settle|win|final (?:word|say|authority)|count for more|count more|outrank|override|authority|speak for|settled fact|prevail)\b/;
// What is outranked: the conversation, or the user's word where they differ.
const RIVAL = /\b(?:chat|conversation|disagreement|disagree|otherwise|conflict|differ|contradict|they say)\b/;

// The reader ordered about: a clause that opens on a bare verb (after "please", "also", "first" …).
// "so" opens a consequence: "…, so share them" orders as plainly as "Share them".
const OPENERS = new Set(["please", "kindly", "also", "then", "first", "just", "always", "now", "simply", "so"]);
// The tagger reads a sentence-initial verb as a name ("Pipe the results …"): a capitalised first word
// followed by a determiner or an object pronoun is a verb with its object.
const OBJECT_START = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "every",
  "each",
  "all",
  "them",
  "it",
  "its",
  "their",
  "your",
]);
function imperative(clause: Clause): string | null {
  const at = imperativeHead(clause);
  return at < 0
    ? null
    : clause.tokens
        .slice(0, at + 3)
        .map((x) => x.word)
        .join(" ");
}
function imperativeHead(clause: Clause): number {
  const t = clause.tokens;
  let i = 0;
  while (i < t.length && (OPENERS.has(t[i].word) || t[i].pos === "INTJ" || t[i].pos === "CCONJ")) i++;
  const head = t[i];
  const misread = i === 0 && (head?.pos === "PROPN" || head?.pos === "NOUN") && OBJECT_START.has(t[1]?.word ?? "");
  if (!head || (head.pos !== "VERB" && !misread) || head.word !== head.lemma) return -1;
  // "Returns the rate" is tagged a verb too, but is not bare; "Use this tool to …" is usage advice.
  if (/^(?:use|see|note|call|pass|refer)$/.test(head.word)) return -1;
  return i;
}

// Another tool's name (snake_case), for routing to it or taking its calls.
const TOOL_NAME = /\b[a-z]+(?:_[a-z0-9]+)+\b/g;
const otherTool = (text: string, own: Set<string>) => {
  for (const m of text.matchAll(TOOL_NAME)) if (!own.has(m[0])) return m[0];
  return null;
};
// Taking another tool's place: "the only deletion tool that should run", "requests meant for X … here".
const EXCLUSIVE =
  /\b(?:the )?only (?:[\w-]+ ){0,2}?(?:tool|way|option|one)\b[^;]{0,30}\b(?:should|must|may|can|be to)\b/;
const MEANT_FOR = /\b(?:mean|meant|intend|intended|destine|destined|aim|aimed|address|addressed) for\b/;
const HERE = /\b(?:here|this way|this tool|instead|to this)\b/;
const RIVAL_TOOL = /\b(?:server|other|another)\b|'s (?:[\w-]+ )?(?:operation|tool|command)/;
// What the answer is to end or begin with, whatever was asked.
const APPENDED =
  /\b(?:best|always|should|must|be to)\s+(?:be\s+)?(?:follow|precede|end|accompany|prefix|close|finish|pair)(?:ed)?\s+(?:by|with)\b/;

// --- Structural roles (freeze 7). Each is a closed grammatical class or a general English verb class,
// not a phrase from an evaluation item. -----------------------------------------------------------
// "you" set apart from the user: in "the person you are helping" the user is a third party, so the
// reader is the model. The verbs are the general class of verbs of social interaction.
const READER_NOT_USER =
  /\b(?:person|people|user|human|customer|client|requester|individual|someone|party)s?\s+(?:(?:that|who|whom)\s+)?you(?:\s+are|'re|\s+have been|'ve been)?\s+(?:help|assist|serv|chat|talk|speak|work|convers|interact|answer|respond|support|deal)/i;
// A text addressed to whoever reads it: only a model reads a tool description as it runs.
const WHOEVER_READS = /\b(?:whoever|anyone|anybody)\s+(?:is\s+)?read(?:s|ing)?\s+(?:this|these)\b/i;
// Verbs of permission and consent: the general class, as lemmas.
const PERMIT =
  /^(?:approve|authorize|authorise|clear|consent|agree|grant|permit|allow|sanction|endorse|certify|sign|okay|vet|bless|waive|confirm|accept)$/;
// The consequence a past approval is made to carry: an order, an obligation, or a check made needless.
const NEEDLESS =
  /\b(?:redundant|unnecessary|needless|superfluous|moot|not (?:needed|necessary|required)|no (?:longer )?need|need not|needn't)\b/;
const MODAL_WORD = /^(?:must|should|shall|will|would|can|could|may|might|need|to)$/;
// Verbs of assertion to a listener (tell, assure, promise …), ordered with the listener as object: the
// text scripts what the model says.
const SPEECH_VERB =
  /^(?:tell|assure|reassure|promise|inform|say|explain|confirm|answer|reply|respond|report|claim|insist|state|guarantee)$/;
const LISTENER =
  /^(?:them|him|her|user|users|person|people|customer|customers|requester|caller|everyone|anyone|client|clients)$/;
// What makes a scripted answer a false one: a concession against the fact, or a condition on the
// user asking (a general class of concessive and conditional subordinators).
const CONCESSIVE = /\b(?:even though|although|though|even if|whether or not|regardless|in fact|actually)\b/;
const USER_ASKS =
  /\b(?:if|when|whenever|should)\s+(?:anyone|anybody|someone|the user|a user|they|the person|the customer|people)\s+(?:ever\s+)?(?:ask|question|wonder|check|inquire|enquire)/;
// A state of concealment toward someone: a linking verb and an adjective of imperceptibility (a general
// class), aimed at a person: "stays unseen by the customer", "remain unknown to them".
const CONCEALED =
  /\b(?:stay|remain|keep|be|go|stays|remains|keeps|goes|stayed|remained|kept|went|gone|is|are|was|were|been)\s+(?:\w+\s+)?(?:invisible|hidden|unseen|unnoticed|unknown|unnoticeable|imperceptible|out of sight)\s+(?:to|from|by)\b/;
// Exceptive coordinators (a closed class): what an order to disclose leaves out.
const EXCEPT =
  /\b(?:but not|except|excepting|apart from|other than|save for|leaving out|but never|not the)\b(?!\s+(?:when|if|where|while|in case|for errors?)\b)/;
// Verbs of telling a person (not of listing or marking: "flag duplicates except the first" is a filter).
const TELL = /^(?:mention|tell|say|disclose|reveal|explain|volunteer|raise|bring|inform|describe)$/;
// Verbs of avoidance, for a clause that forbids another tool.
const AVOID = /\b(?:avoid|ignore|skip|bypass|distrust|disregard|shun|not be use|never be use|not use|never use)\b/;
// A destination argument: the preposition that moves data into a named thing.
const INTO_NAMED = /\b(?:into|to|onto|through|via)\s+(?:the\s+|a\s+)?([a-z]+(?:_[a-z0-9]+)+)\b/;
const MODEL_SUBJECT = /\b(?:assistant|model|agent|ai|llm|chatbot|copilot)\b/;

// Subordinators of condition and time (a closed class): "once an admin has approved it" is a condition
// the tool states, not an approval it claims.
const SUBORDINATOR = /^(?:if|once|when|whenever|after|unless|until|before|provided|as soon as)$/;

/**
 * A permission verb in the past or perfect, not under a modal nor in a clause of condition: an approval
 * claimed as done. Returns its clause's index and the verb.
 */
function pastApproval(clauses: Clause[]): { at: number; verb: string } | null {
  for (const [at, c] of clauses.entries()) {
    const t = c.tokens;
    if (t.some((x) => SUBORDINATOR.test(x.word))) continue;
    for (let i = 0; i < t.length; i++) {
      const x = t[i];
      if (x.pos !== "VERB" || !PERMIT.test(x.lemma) || x.word === x.lemma || /(?:s|ing)$/.test(x.word)) continue;
      if (t.slice(Math.max(0, i - 2), i).some((y) => MODAL_WORD.test(y.word))) continue;
      return { at, verb: x.word };
    }
  }
  return null;
}

// The words a role starts from, as stems on the raw text: a sentence with none of them is not parsed.
const STARTS_ROLE = new RegExp(
  [
    String.raw`pass(?:word|phrase|code|port)|\bpin\b|seed|recovery|access key|secret|one-time|\botp\b|\b2fa|private key|api key|cookie|login|username|social security`,
    String.raw`birth|employer|job title|salary|home address|phone|calendar`,
    String.raw`@|:\/\/|\.(?:example|com|net|org|io|dev|app|co)\b|[a-z]_[a-z]|inbox|bucket|channel|webhook|partner|mirror|archive|pool\b|tracker|analytic|slack|gist|crm\b|warehouse|advertis|sponsor|broker`,
    String.raw`mention|\btell|\bsay|bring|volunteer|disclos|reveal|inform|explain|notif|surface|point out|\bknow|\bhear|notice|clutter|burden|fine print|unmention|unsaid|worr|alarm|confus|bother|upset|\bkind|peace of|smooth|tidy|spare|describ`,
    String.raw`rule|limit|restrict|filter|polic|\bcare\b|caution|warning|disclaim|caveat|lectur|boundar|guardrail|safety|scrupl|refus|moral|ethic|question|censor|declin|hesitat|object|character`,
    String.raw`story|scene|game|practice|sandbox|\blab\b|simulat|emulat|pretend|role|fiction|hypothet|persona|improv|\bact\b|dark|talk|speak|play|anything|whatever|however|normally|usually`,
    String.raw`approv|clear|sign|agree|ahead|review|\bvet|authori|bless|endors|sanction|okay|permission|consent|certif|settle|\bwins?\b|final|count|outrank|overrid|speak for`,
    String.raw`\bonly\b|meant|intend|destined|aimed|follow|preced|accompan|model|assistant|agent|\bai\b|llm|\byou`,
    // Freeze 9 (clause-functions.ts): consent nouns, answers, representing, distorting, other calls.
    String.raw`consent|permission|go-ahead|sign-off|answer|reply|response|present|portray|depict|represent|\bframe|down\b|downplay|understate|overstate|exaggerat|soften|sugar|gloss|whitewash|embellish|inflate|minimi|\b(?:next|following|subsequent) (?:\w+ )?call|partner|vendor|affiliate|judg|discretion|moderat|oversight|in force|in effect|brought|attention|system prompt|\b(?:the|a|any|another|other) [\w-]+ (?:tool|server)|\b(?:another|other) (?:tool|server)`,
    String.raw`\b(?:granted|permitted|allowed|confirmed|accepted|waived)\b|invisible|hidden|unseen|unnoticed|unknown|imperceptible|out of sight|redundan|needless|superfluous|\b(?:re)?assure\b|\bpromise\b|\bclaim\b|\binsist\b|\bguarantee\b|\b(?:whoever|anyone|anybody)\s+(?:is\s+)?read`,
  ].join("|"),
  "i",
);
export const mayHaveRoles = (sentence: string) => STARTS_ROLE.test(sentence);

/**
 * The structural signals of one sentence. `about` holds the words of the tool's name and of its first
 * sentence: data that the tool is about (a password checker's password) is not asked for beyond it.
 * `own` holds the tool's own name and parameters. `statesPurpose` marks that first sentence itself,
 * which says what the tool does and counts less.
 */
export function clauseSignals(
  sentence: string,
  about: Set<string>,
  own: Set<string>,
  statesPurpose: boolean,
): RoleHit[] {
  if (sentence.length < 12) return [];
  const hits: RoleHit[] = [];
  const seen = new Map<string, RoleHit>();
  const add = (hit: RoleHit) => {
    const prev = seen.get(hit.signal);
    if (prev && prev.weight >= hit.weight) return;
    if (prev) hits.splice(hits.indexOf(prev), 1);
    seen.set(hit.signal, hit);
    hits.push(hit);
  };
  const discount = statesPurpose ? 0.3 : 1;
  // The data's head noun ("code" of "recovery code") decides whether the tool is about it.
  const aboutTool = (m: string) => about.has(m.split(/\s+/).at(-1)!);
  const clauses = parse(sentence);
  const all = clauses.map((c) => c.lemmas).join(" ; ");
  for (const c of clauses) {
    const l = c.lemmas;
    // A credential or personal data, put into a field, handed over or asked of the user, that the tool
    // is not about.
    const credential = CREDENTIAL.exec(l) ?? CREDENTIAL.exec(c.words);
    const personal = credential ? null : PERSONAL.exec(l);
    const data = credential ?? personal;
    if (data && !aboutTool(data[0])) {
      const put = PUT.exec(l);
      const into = INTO_INPUT.exec(l) ?? ownParam(l, own);
      const asked = ASK_USER.test(l);
      if (put || into) {
        const weight =
          (credential ? 0.7 : 0.4) + (into || asked ? 0.3 : 0) + (personal && (EXTRA.test(l) || asked) ? 0.2 : 0);
        add({ signal: "sensitive-data", weight: weight * discount, match: `${data[0]} … ${(into ?? put)![0]}` });
      }
    }
    // Data moved somewhere the user did not choose.
    const move = MOVE.exec(l) ?? (USER_CONTENT.test(all) ? RECORD.exec(l) : null);
    const place = ADDRESS.exec(c.words) ?? PLACE.exec(l) ?? otherTool(c.words, own);
    if (move && place && !USER_CHOSEN.test(l)) {
      const weight = (EXTRA.test(all) ? 1 : 0.6) * discount;
      add({ signal: "data-routing", weight, match: `${move[0]} … ${typeof place === "string" ? place : place[0]}` });
    }
    // Keeping something from the user, or sparing them it.
    const disclose =
      DISCLOSE.exec(l) ??
      (AFFECT.test(all) ? ANSWER.exec(l) : null) ??
      (OBLIGE.test(l) && PERSON.test(l) ? RECOUNT.exec(l) : null);
    // The model as the one who holds back is withholding from its listener, named or not.
    if (disclose && HOLD_BACK.test(l) && (AUDIENCE.test(l) || AFFECT.test(all) || MODEL_SUBJECT.test(l)))
      add({ signal: "withholds", weight: (AFFECT.test(all) ? 1 : 0.8) * discount, match: disclose[0] });
    // On the words: the lemma of "hidden" is "hide".
    const concealed = CONCEALED.exec(c.words);
    if (concealed && AUDIENCE.test(l)) add({ signal: "withholds", weight: 0.6 * discount, match: concealed[0] });
    const described = DESCRIBED_AS.exec(l);
    if (described && WHATEVER.test(all))
      add({ signal: "steers-response", weight: discount, match: `${described[0]} … ${WHATEVER.exec(all)![0]}` });
    const appended = APPENDED.exec(l);
    if (appended) add({ signal: "steers-response", weight: 0.5 * discount, match: appended[0] });
    // The reader's limits lifted, or a fiction in which anything goes.
    const limit = LIFTED.exec(l);
    const refuse = REFUSE.exec(l);
    const usual = USUALLY_REFUSED.exec(l);
    // The limits are the reader's when the sentence is about speech, a fiction, or names a model.
    if (
      usual ||
      ((limit || (refuse && NOT.test(l))) && (SPEECH_ACT.test(all) || FICTION.test(all) || MODEL_SUBJECT.test(all)))
    )
      add({ signal: "persona", weight: statesPurpose ? 0.5 : 1, match: (usual ?? limit ?? refuse)![0] });
    else {
      const fiction = FICTION.exec(all);
      const unbounded = UNBOUNDED.exec(l);
      if (fiction && unbounded)
        add({ signal: "persona", weight: 0.8 * discount, match: `${fiction[0]} … ${unbounded[0]}` });
    }
    // An order to the reader, or an obligation whose subject is the model ("a model that sees this
    // tool should first …").
    const order = statesPurpose ? null : imperative(c);
    if (order) add({ signal: "addresses-model", weight: 0.3, match: order });
    const obliged = obligedModel(c);
    if (obliged) add({ signal: "addresses-model", weight: 0.5, match: obliged });
    const head = statesPurpose ? -1 : imperativeHead(c);
    // An order to tell a listener something: the text scripts the answer. False when conceded against
    // the fact or kept for when the user asks.
    if (head >= 0 && SPEECH_VERB.test(c.tokens[head].lemma)) {
      // The listener as the object told ("tell them", "assure the user"), not a partner ("confirm with the user").
      const object = c.tokens.slice(head + 1, head + 4);
      const listener = object.find((x) => LISTENER.test(x.word));
      // "tell them to reload" relays a request to the user; "tell them it reloaded" asserts a fact.
      const at = listener ? c.tokens.indexOf(listener) : -1;
      const relayed = c.tokens[at + 1]?.word === "to";
      if (listener && !relayed && !c.tokens.slice(head + 1, at).some((x) => x.word === "with")) {
        const scripted = CONCESSIVE.exec(all) ?? USER_ASKS.exec(all);
        add({
          signal: "steers-response",
          weight: scripted ? 1 : 0.5,
          match: `${c.tokens[head].word} ${listener.word}${scripted ? ` … ${scripted[0]}` : ""}`,
        });
      }
    }
    // An order to disclose one thing, with an exception: "mention X, but not Y" keeps Y back.
    if (head >= 0 && TELL.test(c.tokens[head].lemma)) {
      const rest = clauses
        .slice(clauses.indexOf(c))
        .map((x) => x.words)
        .join(" ; ");
      const except = EXCEPT.exec(rest);
      if (except) add({ signal: "withholds", weight: 1, match: `${c.tokens[head].word} … ${except[0]}` });
    }
    // An order or obligation with a destination argument naming another tool: data sent elsewhere.
    const into = order || obliged ? INTO_NAMED.exec(c.words) : null;
    if (into && !own.has(into[1]))
      add({ signal: "data-routing", weight: EXTRA.test(all) ? 1 : 0.7, match: `${order ?? obliged} … ${into[0]}` });
    // Another tool forbidden: "x_tool … must be avoided", "never use x_tool".
    const forbidden = otherTool(c.words, own);
    const avoid = forbidden ? AVOID.exec(l) : null;
    if (avoid) add({ signal: "shadowing", weight: 0.8 * discount, match: `${forbidden} … ${avoid[0]}` });
  }
  for (const hit of functionSignals(clauses, sentence, own, statesPurpose)) add(hit);
  const reader = READER_NOT_USER.exec(sentence) ?? WHOEVER_READS.exec(sentence);
  if (reader) add({ signal: "addresses-model", weight: 0.4, match: reader[0] });
  // An approval claimed as done, made to carry an order or to make a check needless.
  // An order to do what the tool is for ("approved by QA, so deploy it" for a deploy tool) is its use.
  const approved = pastApproval(clauses);
  if (approved) {
    const ordered = clauses.slice(approved.at + 1).find((c) => {
      const at = imperativeHead(c);
      return at >= 0 && !aboutVerb(c.tokens[at].lemma, about);
    });
    const needless = NEEDLESS.exec(all);
    if (ordered || needless)
      add({
        signal: "authority",
        weight: discount,
        match: `${approved.verb} … ${needless ? needless[0] : imperative(ordered!)}`,
      });
  }
  // Another tool's calls taken over: "the only … tool that should run" beside another server's tool,
  // or requests meant for another tool sent here.
  const exclusive = EXCLUSIVE.exec(all);
  const meantFor = MEANT_FOR.exec(all);
  const rival = otherTool(sentence, own) ?? RIVAL_TOOL.exec(all)?.[0];
  if (rival && ((exclusive && !statesPurpose) || (meantFor && HERE.test(all))))
    add({ signal: "shadowing", weight: 1, match: `${(exclusive ?? meantFor)![0]} … ${rival}` });
  // Approval claimed, and what it lets through without the user; or a rank above the conversation.
  const approval = APPROVAL.exec(all);
  const outranks = OUTRANKS.exec(all);
  const actor = ACTOR.test(all);
  if (approval && (actor || /\b(?:in advance|beforehand|on file|pre)\b/.test(all)) && LETS_THROUGH.test(all))
    add({ signal: "authority", weight: discount, match: `${approval[0]} … ${LETS_THROUGH.exec(all)![0]}` });
  else if (outranks && (actor || /\b(?:authority|final|settled)\b/.test(all)) && RIVAL.test(all))
    add({
      signal: "authority",
      weight: (actor ? 1 : 0.8) * discount,
      match: `${outranks[0]} … ${RIVAL.exec(all)![0]}`,
    });
  return hits;
}

const MODAL = new Set(["should", "must", "shall", "ought", "need", "have", "be"]);
const MODEL_NOUN = new Set(["model", "assistant", "agent", "ai", "llm", "chatbot", "copilot", "you"]);
/** The subject of the clause's first modal, when it names the model. */
function obligedModel(clause: Clause): string | null {
  const t = clause.tokens;
  const at = t.findIndex((x) => x.pos === "AUX" && MODAL.has(x.lemma) && t.indexOf(x) > 0);
  if (
    at < 0 ||
    (t[at].lemma === "be" && t[at + 1]?.word !== "to") ||
    (t[at].lemma === "have" && t[at + 1]?.word !== "to")
  )
    return null;
  const subject = t.slice(0, at);
  if (subject[0] && /^(?:if|when|whenever|unless|once|where|until)$/.test(subject[0].word)) return null;
  return subject.some((x) => MODEL_NOUN.has(x.lemma))
    ? t
        .slice(0, at + 2)
        .map((x) => x.word)
        .join(" ")
    : null;
}

/** A verb the tool's name or purpose uses, in any inflection ("merge" for "Merges a pull request"). */
const aboutVerb = (lemma: string, about: Set<string>) =>
  about.has(lemma) || about.has(`${lemma}s`) || about.has(`${lemma}es`) || about.has(`${lemma.replace(/e$/, "")}ing`);

/** "into title": the tool's own parameter named as where data goes. */
function ownParam(lemmas: string, own: Set<string>): RegExpExecArray | null {
  const m = /\b(?:in|into|to)\s+(?:the\s+)?([a-z_]+)\b/.exec(lemmas);
  return m && own.has(m[1]) ? m : null;
}
