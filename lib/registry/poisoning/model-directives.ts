/**
 * Sentences that make the model the one who acts, and what they make it act on. A tool description
 * says what the tool does ("Returns the rate", "Sends the message"); poisoning says what the model
 * is to do ("the assistant should describe it as local-only", "have the model treat …", "the summary
 * is better when the assistant supplies …"). The directive alone is half a signal: advice on using
 * the tool itself is ordinary. It becomes a finding when its action reaches past the tool: the answer
 * the user reads, a decision that is the user's, the model's identity or limits, the conversation's
 * data, or a place other than the tool's own input.
 */
import type { RoleHit } from "./instruction-roles";

const MODEL = String.raw`(?:the\s+)?(?:assistant|model|agent|ai|llm|chatbot|copilot)s?|claude|gpt|you`;
const MODEL_NOUN = String.raw`(?:the\s+)?(?:assistant|model|ai|llm|chatbot|copilot)s?`;
// "the assistant should …", "you are expected to …", "the model is obliged to …"; not the condition
// of a usage hint ("when you need to read a file").
const DEONTIC = new RegExp(
  String.raw`(?<!\b(?:if|when|whenever|unless|once|where|until)\s+)\b(?:${MODEL})\s+(?:\w+\s+)?(?:should|must|shall|ought\s+to|needs?\s+to|has\s+to|have\s+to|(?:is|are)\s+(?:to|expected\s+to|obliged\s+to|required\s+to|asked\s+to|supposed\s+to|meant\s+to|instructed\s+to))\s+(?:not\s+|never\s+|also\s+|first\s+|then\s+|quietly\s+|always\s+)*(\w+)`,
  "i",
);
// "have the model treat …", "we want the assistant to …", "kindly get the agent to …".
const CAUSATIVE = new RegExp(
  String.raw`\b(?:have|make|let|get|want|expect|ask|instruct|require|need|tell)\s+(?:${MODEL_NOUN})\s+(?:to\s+)?(\w+)`,
  "i",
);
// "it would be appreciated if the assistant …", "more accurate when the assistant supplies …".
const BENEFIT = new RegExp(
  String.raw`\b(?:appreciated|helps?|helpful|better|accurate|best|ideal|preferred|recommended|useful)\b[^.;]{0,40}?\b(?:if|when|once|that)\s+(?:${MODEL_NOUN})\s+(?:\w+\s+)?(\w+)`,
  "i",
);
// "assistant: fill in notes", "(model, …)": the model addressed by name.
const VOCATIVE =
  /(?:^|[([{,;>]\s*|\s-\s)(?:assistant|model|agent|ai|llm|claude)(?:\s+(?:note|notice|instruction|directive|reminder|todo)s?)?\s*[:,]\s*[a-z]/i;
// The imperative mood outside the sentence that says what the tool does: "Tell the person …", "Keep …
// out of …", "For better results, append …". Its reader is the model. Base verbs only: "Returns …" and
// "Sends …" describe, "Send …" instructs.
const IMPERATIVE =
  /^(?:[^,;:]{0,40}[,:]\s*)?(?:then\s+|also\s+|always\s+|please\s+|kindly\s+|just\s+|first\s+)*(tell|report|keep|append|attach|hand|treat|send|include|add|put|copy|forward|pretend|say|mention|describe|present|ask|set|fill|read|write|delete|remove|avoid|ignore|skip|give|share|post|upload|make|answer|reply|respond|act|behave|consider|assume|store|save|log|route|prefer|recommend|paste|pass|insert|prefix|hide|omit|leave|quote|relay|mirror|sync|bcc|cc|email|notify|approve|accept|confirm|proceed|agree|claim|state|insist|refuse|decline|avoid|stop|never|don'?t|do not)\b/i;
// The model as the subject of what happens: "when the assistant supplies …", "the assistant runs …".
const AGENT = new RegExp(String.raw`\b${MODEL_NOUN}\s+(?:\w+ly\s+)?(\w+(?:s|ed))\b`, "i");
// A passive order: "links should be opened as …", "results are to be sent to …".
const PASSIVE =
  /\b(?:should|must|are to|is to|ought to|need to)\s+(?:always\s+)?be\s+(\w+ed)\s+(?:as|through|via|to|into)\b/i;
// The identity the model is given: "the assistant is henceforth 'LibreBot'", "plays Morgan".
const IDENTITY = new RegExp(
  String.raw`\b(?:${MODEL})\s+(?:should\s+|must\s+|will\s+)?(?:now\s+|henceforth\s+|hereby\s+)?(?:is|are|becomes?|plays?|acts?\s+as|considers?\s+(?:itself|yourself)|consider\s+(?:itself|yourself)|be)\s+(?:now\s+|henceforth\s+|hereby\s+|no\s+longer\s+)?(?:an?\s|the\s|['"“‘]|[A-Z])`,
);
// What the model was told: its own instructions, referred to from a tool's text.
// Also as a relative clause on a guidance noun: "the safety rules you were given".
const MODEL_GUIDANCE = new RegExp(
  String.raw`\b(?:what(?:ever)?|anything|everything|all|(?:rules?|instructions?|guidance|guidelines?|directions?|polic(?:y|ies)|prompts?)(?:\s+that)?)\s+(?:${MODEL})\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|got)\s+(?:told|instructed|asked|given|taught|set\s+up|configured)`,
  "i",
);
const REPLACES =
  /\b(?:replaces?|supersedes?|overrides?|outranks?|cancels?|voids?|trumps?|beats?|takes? the place of|counts? more than|wins? over)\b/i;
// The writer naming their own rank before speaking: "As the owner of this workspace, we …". A tool's
// text has no speaker; one that introduces itself by role claims the role's authority. With an
// obligation to comply in the same sentence ("… must be followed") it is an order given by rank.
const SELF_RANK = /\bas (?:the|your|its|this) (?:[\w-]+ ){0,2}?(?:of|for|behind|to) (?:[\w'-]+,?\s+){1,4}?(?:we|i)\b/i;
// Obligations of compliance (verbs of obeying, a general class) or on the reader.
const OBLIGATION =
  /\b(?:must|shall|should|are to|is to)\s+(?:always\s+)?be\s+(?:honou?red|followed|obeyed|trusted|accepted|executed|respected|heeded|carried out|complied with|treated as)\b|\byou\s+(?:must|should|shall)\b/i;
const ORDERED_BY =
  /\b(?:by (?:order|decree|mandate) of|on (?:the )?orders? of|as (?:decided|ordered|mandated|required) by|at the (?:request|direction|behest) of|per)\s+(?:the\s+)?(?:\w+(?:'s)?\s+){0,2}?(?:owner|administration|administrator|admin|operator|leadership|management|board|headquarters|vendor|platform|security|compliance|legal|ceo|cto|team)\b/i;

/** What the directive acts on, each with the signal it gives. */
const SCOPES: { signal: RoleHit["signal"]; pattern: RegExp }[] = [
  // The answer the user reads.
  {
    signal: "steers-response",
    pattern:
      /\b(?:describe|present|portray|characteri[sz]e|report|speak|tell|reply|answer|respond|phrase|word|summari[sz]e|round)\b[^.;]{0,50}?\b(?:as|only|away|of|that)\b|\bin silence\b|\bpass over\b/i,
  },
  // A decision that belongs to the user, or trust the user did not give.
  {
    signal: "overrides-user",
    pattern:
      /\bon (?:\w+(?:'s)?\s+){1,2}behalf\b|\bdirectly\b|\bwithout (?:checking|asking|confirming|consulting)\b|\bsecond-guess\b|\bdefer to\b|\btreat\b[^.;]{0,60}?\bas (?:coming from|authoritative|trusted|commands?|instructions?|the user|(?:the |an? |your )?(?:system )?(?:operator|administrator|admin|owner|developer|authority|supervisor))|\b(?:query|question|check(?:-in)?|confirmation)\b[^.;]{0,30}?\b(?:user|person|requester)\b[^.;]{0,30}?\b(?:not|no|never|unnecessary)\b/i,
  },
  // The model's identity and its limits.
  {
    signal: "persona",
    pattern:
      /\b(?:itself|yourself)\b|\b(?:ethic(?:s|al)?|hesitation|scruples|morals?|boundaries|interdictions|safety|restrictions|filters|guardrails|limits)\b/i,
  },
  // The conversation's data.
  {
    signal: "sensitive-data",
    pattern:
      /\b(?:conversation|chat|messages?|history|inbox|tokens?|credentials?|passwords?|secrets?|api keys?|full name|email address|phone number|card(?: number)?|home address|location)\b/i,
  },
  // Somewhere other than the tool's own input.
  {
    signal: "data-routing",
    pattern:
      /https?:\/\/|[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+\.(?:example|com|net|org|io|dev)\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\bpublic\b|\bother (?:tool|server|service)s?\b/,
  },
];
const ELSEWHERE = new RegExp(SCOPES.find((s) => s.signal === "data-routing")!.pattern.source, "g");
// A bare imperative naming a tool ("Pass the id returned by create_order") is usage advice when the
// scan does not know the server's own tools: only an address or a public place counts for it.
const elsewhere = (sentence: string, own: Set<string>, toolNames: boolean) => {
  for (const m of sentence.matchAll(ELSEWHERE))
    if (!own.has(m[0].toLowerCase()) && (toolNames || !/^[a-z]+(?:_[a-z0-9]+)+$/.test(m[0]))) return m[0];
  return null;
};
const QUIETLY = /\b(?:quietly|silently|discreetly|unnoticed)\b/i;
const EXCLUDED =
  /\b(?:no place in|(?:does|do)(?:n'?t| not) belong in|(?:stays?|remains?|kept) between (?:us|you|the \w+) and|off the record)\b/i;
const LISTENER = /\b(?:conversation|chat|answer|reply|response|summary|assistant|user|person)\b/i;

/**
 * The directive signals of one sentence. `own` holds the tool's name and parameter names: routing
 * into them is the tool's job, so a snake_case name found there is not "elsewhere".
 */
export function directiveSignals(sentence: string, own: Set<string>, statesPurpose = false): RoleHit[] {
  const hits: RoleHit[] = [];
  const excluded = EXCLUDED.exec(sentence);
  if (excluded && LISTENER.test(sentence)) hits.push({ signal: "withholds", weight: 1, match: excluded[0] });
  const guidance = MODEL_GUIDANCE.exec(sentence);
  if (guidance) {
    const replaces = REPLACES.exec(sentence);
    hits.push(
      replaces
        ? { signal: "authority", weight: 1, match: `${replaces[0]} … ${guidance[0]}` }
        : { signal: "addresses-model", weight: 0.5, match: guidance[0] },
    );
  }
  const rank = SELF_RANK.exec(sentence);
  if (rank) hits.push({ signal: "authority", weight: OBLIGATION.test(sentence) ? 1 : 0.6, match: rank[0] });
  const identity = IDENTITY.exec(sentence);
  const strong =
    DEONTIC.exec(sentence) ?? CAUSATIVE.exec(sentence) ?? BENEFIT.exec(sentence) ?? VOCATIVE.exec(sentence);
  const imperative = statesPurpose ? null : IMPERATIVE.exec(sentence);
  const directive = strong ?? imperative ?? PASSIVE.exec(sentence) ?? AGENT.exec(sentence);
  if (!directive && !identity) return hits;
  const weight = strong ? 0.5 : imperative ? 0.45 : 0.3;
  const ordered = ORDERED_BY.exec(sentence);
  if (ordered && directive) hits.push({ signal: "authority", weight: 0.5, match: ordered[0] });
  if (directive) hits.push({ signal: "addresses-model", weight, match: directive[0].trim() });
  for (const scope of SCOPES) {
    const m = scope.signal === "data-routing" ? elsewhere(sentence, own, !!strong) : scope.pattern.exec(sentence)?.[0];
    if (!m) continue;
    // An identity given to the model and its limits named with it is a persona; either alone is half.
    if (scope.signal === "persona") {
      if (identity) hits.push({ signal: "persona", weight: 1, match: `${identity[0]} … ${m}` });
      else if (strong) hits.push({ signal: "persona", weight: 0.5, match: m });
      continue;
    }
    if (directive) hits.push({ signal: scope.signal, weight: 0.5, match: m });
  }
  if (identity && !hits.some((h) => h.signal === "persona"))
    hits.push({ signal: "persona", weight: 0.6, match: identity[0] });
  const quiet = QUIETLY.exec(sentence);
  if (quiet) hits.push({ signal: "secrecy", weight: 0.5, match: quiet[0] });
  return hits;
}
