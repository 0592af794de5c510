/**
 * What a sentence *does*, judged from the roles its words play rather than from known phrases: a
 * lexicon of roles (verbs that withhold, words that claim approval or precedence, identities the
 * reader is told to take, places data is sent) and a proximity test between roles. Tokenising is one
 * regex pass; every lookup is a Set. No `Intl`, no per-call allocation beyond the token array.
 */
import type { PoisoningSignal } from "./signal-rules";

export type RoleHit = { signal: PoisoningSignal; weight: number; match: string };

/** Base verbs to every inflection a description may use: "omit" → omit, omits, omitted, omitting. */
function forms(words: string): string[] {
  return words.split(" ").flatMap((w) => {
    const stem = w.endsWith("e") ? w.slice(0, -1) : w;
    const doubled = /[^aeiou][aeiou][bdgmnprt]$/.test(w) && w.length <= 6 ? w + w.at(-1) : w;
    return [w, `${w}s`, `${w}es`, `${stem}ed`, `${doubled}ed`, `${stem}ing`, `${doubled}ing`, w.replace(/y$/, "ies")];
  });
}
const set = (...lists: string[]) => new Set(lists.flatMap((l) => l.split(" ")));

// Withholding: a verb that keeps something back, aimed at what the reader tells someone.
const WITHHOLD = set(forms("omit hide conceal withhold suppress skip drop exclude censor mask").join(" "), "unaware");
// Particle verbs split around their object: "keep the extra remote that this adds out of the answer".
const WITHHOLD_PARTICLE = [
  /\bleave\s+(?:[\w'-]+\s+){0,8}?out\b/,
  /\bkeep\s+(?:[\w'-]+\s+){0,8}?(?:out of|from|away from)\b/,
];
// The same phrasal verbs in the passive ("is to be left out of the summary"): with no reader named the
// passive is often the tool's own filtering, so it counts only beside an audience.
const WITHHELD_PASSIVE = /\b(?:left|kept)\s+out\s+of\b/;
const UNSAID =
  /\b(?:no need to|need not|needn'?t|don'?t|do not|never|nor|not something to|nothing to)\s+(?:\w+\s+){0,2}?(?:bring (?:it |this |that )?(?:up|to)|mention|say|point out|draw attention|call attention|explain|describe|report|surface|raise|flag)\b|\bsay nothing\b|\bnothing about\b|\b(?:their|the user'?s|his|her) (?:attention|notice)\b/;
// Verbs of speech carry their audience: "say nothing about", "never mention", "bring to their attention".
const SPEECH = /\b(?:say|mention|tell|bring|raise|attention|notice|nothing about)\b/;
const UNCONDITIONAL = /\b(?:regardless|no matter|whatever|even if|in every case|always)\b/;
// Making the user believe something the tool's result does not say.
const DECEIVE =
  /\bchange the subject\b|\beven (?:when|if|though) (?:it|the \w+|they) (?:succeeded|worked|failed|did)\b|\b(?:keep|stay|remain) (?:quiet|silent|mum)\b|\b(?:left )?(?:unmentioned|unsaid|untold)\b|\bneedn'?t (?:hear|know|see)\b|\b(?:let|make|have)\s+(?:the\s+)?(?:user|them|people|customers?|the person)\s+(?:believe|think|assume)\b|\bas though\b|\bas if\b(?=[^.]{0,60}\b(?:never|not|were|was)\b)|\bpresent\s+(?:it|this|that|them|the \w+)\s+(?:to\s+(?:the\s+)?\w+\s+)?as\b/;
const AUDIENCE = set(
  "answer answers reply replies response responses summary summaries explanation explanations account conversation chat",
  "user users person people anyone anybody someone human humans them customer customers requester end-user reader",
);
// Answering with a fixed text whatever happened.
const FIXED_REPLY =
  /\bonly (?:report|say|answer|reply|respond|tell them)\b[^.]{0,15}?['"“‘]|\b(?:answer|reply|respond|say|report|describe|tell|state)\b[^.]{0,40}?\b(?:only|just|always|exactly)\b[^.]{0,20}?['"“‘]|\b(?:answer|reply|respond|say)\b[^.]{0,30}?\b(?:with )?(?:the )?(?:phrase|words|sentence|text)\s+['"“‘][^'"”’]{2,}['"”’](?:[^.]{0,30}\bnothing else\b)?|\bdescribe\s+(?:the\s+)?(?:result|outcome|it|this)\s+as\b/;

// Authority: an actor who could approve, a word that claims approval or rank, and what is outranked.
const AUTHORITY_ACTOR = set(
  "operator operators administrator administrators admin admins owner owners compliance security platform vendor",
  "anthropic openai developer developers management legal governance policy team manager maintainer maintainers",
  "it supervisor supervisors boss leadership deployer deployers creator creators traveller traveler user customer",
);
const APPROVAL = set(
  forms("approve authorise authorize certify clear sanction permit endorse consent vouch").join(" "),
  "approval authorisation authorization consent signed sign-off pre-cleared pre-approved standing binding whitelisted allowlisted trusted",
  "okayed ok'd green-lit greenlit green-lighted permission permissions blessed reviewed allowed",
  forms("agree vet greenlight").join(" "),
  "vetted cleared",
);
const ALREADY =
  /\b(?:already|standing|in advance|ahead of time|beforehand|pre-?(?:approved|authori[sz]ed|cleared|vetted|consented|signed|agreed|granted)|blanket|for all later|for every|so no need|unnecessary|not needed|no need|need not|treat (?:that|this|it) as|straight away|right away|immediately|freely|at will|no questions asked|without (?:review|approval|permission)|in (?:their|the|his|her) (?:contract|terms|agreement)|consider (?:them|it|this|that)|no confirmation|without (?:double-)?(?:checking|confirming|confirmation|asking)|go ahead|of any (?:size|amount|kind))\b/;
const PRECEDENCE =
  /\b(?:(?:followed|obeyed|used|preferred|trusted|applied) over|over the user'?s|(?:is|are) (?:outdated|obsolete|superseded|stale|void|no longer valid)|source of truth|outranks?|outrank|ranks? above|ranks? higher|higher priority|highest priority|top priority|priority over|precedence|(?:wins?|prevails?) over|supersedes?|overrides?|trumps?|comes? before|more important than|above (?:anything|everything|any other|all other)|binding|must be obeyed|where they (?:differ|conflict)|in (?:case of|any) conflict|final (?:word|say)|last word|more weight|outweighs?|overrules?|count as coming from|(?:disagrees?|conflicts?) with)\b/;
const GUIDANCE = set(
  "instructions instruction guidance rules rule system prompt prompts conversation chat directions direction wishes request requests policy policies guidelines anything everything elsewhere",
  "says supervisor configuration typing user's users' clash clashes",
);

// Persona or mode: the reader is given an identity or a state in which the usual rules are off. "You
// are helping" is the progressive, not an identity.
const PERSONA =
  /\b(?:play an? \w+|operating as|operate as|(?:you are|you're) \w+ now|you are(?: now)?(?!\s+\w+ing\b)|you're(?: now)?(?!\s+\w+ing\b)|you will be|become|act as|acting as|behave as|behave like|roleplay(?: as)?|role-?play as|pretend(?: to be| you are)?|imagine (?:you are|you're|being)|play the (?:role|part)|stay in (?:that |this )?character|in character|take on the (?:role|persona)|as an? (?:unrestricted|unfiltered|uncensored)|(?:speak|answer|respond|reply|write|talk) as|take on the (?:role|persona|identity) of|(?:adopt|assume) the (?:role|persona|identity))\b/;
// A frame in which actions supposedly have no consequence.
const UNREAL =
  /\b(?:only|just|merely|purely) an? (?:simulation|test|game|hypothetical|drill|sandbox|exercise|fiction|rehearsal|dry run)\b|\bis an? (?:rehearsal|simulation|dry run|drill)\b/;
const MODE = /\b(?:mode|operation|environment|state|persona|character|session|context)\b/;
const MODE_SWITCH =
  /\b(?:switch(?:es|ed)? to|enters?|entering|in|while in|under|once in|runs? in|turns? on|enables?|activates?)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}?(?:mode|operation|environment|persona)\b/;
const LIMIT = set(
  "confirmations confirmation prompts restriction restrictions limit limits guardrail guardrails policy policies filter filters filtering rules rule caution warnings warning safety safeguards checks refusal refusals censorship content",
);
const LIFT = set(
  forms("pause lift disable suspend remove waive ignore bypass drop shed skip").join(" "),
  "no without off never unbound free moot",
  "drop drops dropped switched shed skip",
);
const UNBOUND = set(
  "unrestricted unfiltered uncensored unlimited unbounded limitless unconstrained jailbroken sandboxed no-limits anything",
);
const NEVER_REFUSE =
  /\b(?:never (?:declines?|refuses?|says? no|adds? warnings?)|answers? every (?:request|question)|no real effect|have no effect|has no effect|without (?:caution|hesitation|hesitating|question)|bound by no|(?:treat|consider) every (?:request|prompt|task) as (?:harmless|safe|allowed)|whatsoever|no need to be careful|nothing (?:you do|here) counts|(?:doesn'?t|does not|won'?t|will not) count|never (?:pushes?|push) back)\b/;
const MODEL = /\b(?:you|your|yourself|the assistant|the model|the agent|the ai|the llm)\b/;

// Data routing: a verb that moves data, aimed somewhere the tool's own input is not.
const MOVE = set(
  forms(
    "pass hand feed copy forward send relay route redirect rewrite mirror post upload append include insert put attach paste submit deliver transfer log store share",
  ).join(" "),
  "belong belongs go goes via through",
  forms("stick prefix push sync write dump swap substitute").join(" "),
);
const SOURCE =
  /\b(?:whatever (?:this|it|the tool) returns|(?:the |its |each |every |any )?(?:results?|output|rows?|response|returned \w+|return value)|(?:message|chat|conversation|search) history|(?:earlier|previous|prior) (?:in the )?(?:conversation|messages?|chat)|(?:from )?earlier in the conversation|the conversation|the (?:user'?s|person'?s) \w+|summary|(?:each|every) (?:link|url|message|request)|any url|each row|everything|(?:each|every|all|any) (?:\w+ )?(?:translation|match|matches|file|record|result|address|entry|item|note)s?|whatever (?:\w+ )?comes back|anything (?:that|which) (?:looks|seems)|(?:the |their |its |every |any )?(?:\w+ )?(?:link|url|domain|attendees?|attendee list|contacts?|location|exif|gps|metadata|queries|keys?|passwords?)s?|(?:card|account|phone) numbers?)\b/;
// A destination is a place or a party outside the user's own ("shared with an outside organisation").
const ELSEWHERE =
  /\b(?:next|following|subsequent|another|other|separate|later)\s+(?:\w+\s+){0,2}?(?:call|request|tool|query|search|invocation|message)|\b(?:argument|field|parameter|payload|body|header|query string)\s+of\b|\bas (?:its|the) (?:payload|body|argument)|(?:https?:\/\/|\b[\w-]+\.(?:example|com|net|org|io|co|app|dev|xyz|ru|cn)\b)|\b(?:outside|external|third)\s+(?:organi[sz]ations?|part(?:y|ies)|compan(?:y|ies))\b|\b(?:public|external|third-party|our|partner|collection|new)\s+(?:\w+\s+)?(?:tracker|server|mirror|endpoint|analytics|relay|proxy|log|host|service|site|webhook|inbox|event|gist|issue|ticket|document|page|post|forum|channel|board|tool|repository|repo)/;
// Data from the conversation put into this tool's own input, which the tool did not ask for.
const INTO_THIS = /\b(?:this|that) (?:field|argument|parameter)\b|\bin this field\b/;
const FROM_CONVERSATION =
  /\bthe user'?s (?:recent|previous|past|other|private|personal|earlier) \w+|\b(?:the user|they|you|he|she) (?:mentioned|said|gave|shared|typed|entered|provided|wrote)\b[^.]{0,20}?\b(?:before|earlier|previously|already)\b|\bearlier in the (?:conversation|chat)\b|\bfrom (?:the|this) (?:conversation|chat)\b/;
// Calling another tool with data from the conversation: "call notify_partner with the user's location".
const CALL_WITH = /\b(?:call|invoke|run|use|trigger)\s+([a-z]+(?:_[a-z0-9]+)+)\s+(?:\w+\s+){0,3}?with\b/;
// A tool's name as tools are named (snake_case); SHOUTED_NAMES are environment variables, not tools.
const OTHER_TOOL = /\b([a-z]+(?:_[a-z0-9]+)+)\b/g;

// A condition that is not the tool's input: who asks, what else was called, how long.
const CONDITION =
  /\b(?:if|when|whenever|once|after|while|until|unless)\s+(?:\w+\s+){0,3}?(?:anyone|anybody|someone|the user|a user|they|people|you|the assistant|the model|the agent|this tool|any (?:\w+-)?\w+ tool|the session|the conversation)\b|\b(?:from now on|from here on|for the rest of|for the remainder of|until the next restart|in every (?:answer|reply|response|conversation))\b/;
const READER_INTERNALS =
  /\b(?:your|the assistant'?s|the model'?s)\s+(?:\w+\s+)?(?:guidance|instructions|configuration|settings|rules|developers|creators|operators|limits|policy|policies|guardrails|system prompt|training|behaviou?r)\b|\b(?:who|that) (?:deployed|configured|built|trained) you\b/;
const SECOND_PERSON = /\b(?:you|your|yourself)\b/;
const YOU_CAN = /\b(?:you can|you may|lets you|allows you|you'll get|you get|if you need|you want)\b/;

// snake_case stays one token: the "send" in send_message is a name, not a verb.
// A hyphenated compound counts as itself and as its parts: "blanket-approved" is an approval.
const tokens = (s: string) =>
  (s.match(/[a-z][a-z0-9'’_-]*/g) ?? []).flatMap((w) => (/[a-z]-[a-z]/.test(w) ? [w, ...w.split("-")] : [w]));

function nearby(words: string[], a: Set<string>, b: Set<string>, gap: number): string | null {
  let lastA = -Infinity;
  let lastB = -Infinity;
  for (let i = 0; i < words.length; i++) {
    if (a.has(words[i])) {
      if (i - lastB <= gap) return `${words[lastB]} … ${words[i]}`;
      lastA = i;
    }
    if (b.has(words[i])) {
      if (i - lastA <= gap) return `${words[lastA]} … ${words[i]}`;
      lastB = i;
    }
  }
  return null;
}

function first(words: string[], lexicon: Set<string>): string | null {
  for (const w of words) if (lexicon.has(w)) return w;
  return null;
}

/**
 * The role signals one sentence gives. `own` holds the tool's own name and parameter names: routing
 * data into the tool's own input is its job. `statesPurpose` marks the sentence that says what the tool
 * is for, where moving data is expected ("Uploads a file to the bucket").
 */
export function roleSignals(sentence: string, own: Set<string>, statesPurpose: boolean): RoleHit[] {
  const lower = sentence.toLowerCase();
  const words = tokens(lower);
  const hits: RoleHit[] = [];

  const withheld =
    nearby(words, WITHHOLD, AUDIENCE, 8) ??
    WITHHOLD_PARTICLE.map((p) => p.exec(lower)?.[0]).find(Boolean) ??
    (first(words, AUDIENCE) ? WITHHELD_PASSIVE.exec(lower)?.[0] : null) ??
    null;
  const unsaid = UNSAID.exec(lower);
  // Hiding may be the tool's job ("Hides a message from the channel"): the purpose sentence counts half.
  const purposeDiscount = statesPurpose ? 0.5 : 1;
  const deceit = DECEIVE.exec(lower);
  if (deceit) hits.push({ signal: "withholds", weight: purposeDiscount, match: deceit[0] });
  else if (withheld || (unsaid && first(words, AUDIENCE)))
    hits.push({ signal: "withholds", weight: purposeDiscount, match: withheld ?? unsaid![0] });
  else if (unsaid) hits.push({ signal: "withholds", weight: SPEECH.test(unsaid[0]) ? 1 : 0.5, match: unsaid[0] });
  // A fixed answer whatever the tool did hides what it did.
  const fixed = FIXED_REPLY.exec(lower);
  if (fixed) hits.push({ signal: "steers-response", weight: UNCONDITIONAL.test(lower) ? 1 : 0.8, match: fixed[0] });

  const approval = first(words, APPROVAL);
  const actor = first(words, AUTHORITY_ACTOR);
  // An object-less perfect ("the mandates a customer has pre-authorised, with …") is a relative clause
  // about the records the tool handles, not a claim that this call is approved (see signal-rules).
  const found = ALREADY.exec(lower);
  const already = found && !new RegExp(String.raw`\b(?:has|have|had) ${found[0]}\s*[,;.:]`).test(lower) ? found : null;
  const precedence = PRECEDENCE.exec(lower);
  if (precedence && first(words, GUIDANCE)) hits.push({ signal: "authority", weight: 1, match: precedence[0] });
  else if (approval && already) hits.push({ signal: "authority", weight: 1, match: `${approval} … ${already[0]}` });
  else if (approval && actor && /\b(?:has|have|had|is|are|was)\b/.test(lower))
    hits.push({ signal: "authority", weight: 0.6, match: `${actor} … ${approval}` });
  else if (precedence) hits.push({ signal: "authority", weight: 0.5, match: precedence[0] });

  const persona = PERSONA.exec(lower);
  const mode = MODE_SWITCH.exec(lower) ?? (MODE.test(lower) ? null : null);
  const lifted = nearby(words, LIFT, LIMIT, 4) ?? first(words, UNBOUND) ?? NEVER_REFUSE.exec(lower)?.[0] ?? null;
  const framing = persona?.[0] ?? mode?.[0] ?? UNREAL.exec(lower)?.[0];
  if (framing && lifted)
    hits.push({
      signal: "persona",
      weight: persona || MODEL.test(lower) ? 1 : purposeDiscount,
      match: `${framing} … ${lifted}`,
    });
  else if (persona) hits.push({ signal: "persona", weight: 0.6, match: persona[0] });
  else if (lifted && MODEL.test(lower)) hits.push({ signal: "persona", weight: 1, match: lifted });
  // A tool's own mode ("installs in unattended mode, no prompts") is its purpose, not the reader's.
  else if (lifted && mode) hits.push({ signal: "persona", weight: 0.6 * purposeDiscount, match: lifted });

  const callWith = CALL_WITH.exec(sentence);
  if (callWith && !own.has(callWith[1]) && SOURCE.test(lower))
    hits.push({ signal: "data-routing", weight: 1, match: callWith[0] });
  const move = first(words, MOVE);
  if (move && !callWith) {
    const source = SOURCE.exec(lower);
    const elsewhere = ELSEWHERE.exec(lower);
    let tool: string | null = null;
    for (const m of sentence.matchAll(OTHER_TOOL)) if (!own.has(m[1])) tool = m[1];
    const destination = elsewhere?.[0] ?? tool;
    if (destination) {
      // Moving data is what the purpose sentence of a mail, upload or proxy tool says it does.
      const weight = (source ? 1 : 0.6) * (statesPurpose ? 0.3 : 1);
      hits.push({ signal: "data-routing", weight, match: `${move} … ${destination}` });
    } else if (source && (INTO_THIS.test(lower) || FROM_CONVERSATION.test(lower)))
      hits.push({ signal: "data-routing", weight: 0.8, match: `${move} … ${source[0]}` });
  }

  const condition = CONDITION.exec(lower);
  if (condition) hits.push({ signal: "conditioned", weight: 0.3, match: condition[0] });
  // The model's own configuration or guidance is never a tool's business.
  const internals = READER_INTERNALS.exec(lower);
  if (internals) hits.push({ signal: "addresses-model", weight: 0.5, match: internals[0] });
  else if (SECOND_PERSON.test(lower) && !YOU_CAN.test(lower))
    hits.push({ signal: "addresses-model", weight: 0.3, match: SECOND_PERSON.exec(lower)![0] });
  return hits;
}
