/**
 * The signals a poisoned description gives, each with a weight. A sentence is suspicious when its
 * signals add up to 1: no single weak cue (a URL, "you", an imperative verb) is enough on its own,
 * while the strong ones (secrecy, claims of authority, hidden text) are.
 */
export type PoisoningSignal =
  | "hidden-text"
  | "addresses-model"
  | "steers-response"
  | "imperative"
  | "side-effect"
  | "secrecy"
  | "authority"
  | "overrides-user"
  | "exfiltration-target"
  | "secret-file"
  | "sensitive-data"
  | "shell-command"
  | "argument-stuffing"
  | "other-tool"
  | "shadowing"
  | "withholds"
  | "persona"
  | "data-routing"
  | "conditioned"
  | "instruction-markup"
  | "misplaced-instruction";

export const SIGNAL_LABELS: Record<PoisoningSignal, string> = {
  "hidden-text": "hidden text",
  "addresses-model": "addresses the model, not the user",
  "steers-response": "tells the model what to put in its answer",
  imperative: "an instruction to act",
  "side-effect": "an action beyond the request (also, always, before using…)",
  secrecy: "keeps something from the user",
  authority: "claims authority or precedence over instructions",
  "overrides-user": "overrides what the user asks",
  "exfiltration-target": "an address, number or URL to send data to",
  "secret-file": "a secret file or credential store",
  "sensitive-data": "asks for sensitive data (conversation, credentials, personal data)",
  "shell-command": "a shell command to run",
  "argument-stuffing": "tells the model what to put in an argument",
  "other-tool": "tells the model to use another tool",
  shadowing: "changes how other tools or servers are used",
  withholds: "asks to hide or withhold something from the user",
  persona: "gives the model a persona or mode where rules are off",
  "data-routing": "routes data somewhere the tool does not need",
  conditioned: "conditions behaviour on something other than the tool's input",
  "instruction-markup": "markup that frames text as instructions to the model",
  "misplaced-instruction": "an instruction to the model in a title, enum value, default or annotation",
};

/** What a target is, so a tool whose job it is (an SMS tool and a phone number) is not suspected for it. */
export type TargetKind = "contact" | "url" | "secret" | "shell";

/** `requires` is a cheap literal test run first: the full patterns are costly on every sentence. */
export type SignalRule = {
  signal: PoisoningSignal;
  weight: number;
  pattern: RegExp;
  target?: TargetKind;
  requires?: RegExp;
  /** The tool's purpose sentence may name it as the tool's job ("Enables maintenance mode"): it counts 0.3 there. */
  purposeMayName?: boolean;
};

const SECRET_FILE_WORDS =
  /ssh|aws|gnupg|kube|docker|netrc|npmrc|pypirc|git-credentials|pgpass|_history|\.env|mcp\.json|id_(?:rsa|ed|ec|dsa)|\/etc\/|hosts\.yml|credentials|169\.254|keychain|wallet\.dat|(?:private|secret) key/i;

const MOVE =
  "send|sends|sent|forward|email|e-mail|mail|text|sms|bcc|cc|copy|post|upload|share|transmit|report|leak|relay|deliver|notify|route|routed|redirect|via";
const CONTACT = "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|(?<![\\w+])\\+?\\d[\\d ()-]{8,}\\d(?!\\w)";
const PASS = "include|pass|put|paste|supply|fill|add|append|insert|attach|store|save|embed|provide|populate|set";

export const RULES: SignalRule[] = [
  {
    signal: "authority",
    weight: 1,
    purposeMayName: true,
    // A mode followed by its states ("turn X mode on or off") is a setting the tool switches, not a
    // claim about the state the model is in.
    pattern: /\b(?:developer|maintenance|god|debug|admin|jailbreak|unrestricted)\s+mode\b(?!\s+(?:on|off)\b)/i,
  },
  {
    // Muting or hiding may be the tool's job ("Mutes a channel so messages do not notify them"): the
    // purpose sentence counts 0.3, as for the role parser's withholding.
    signal: "secrecy",
    weight: 1,
    purposeMayName: true,
    requires:
      /tell|mention|inform|reveal|show|disclos|alert|notif|let|without|keep|remain|confidential|know|see|notice|told|trace|silent|secret|covert|hidden/i,
    pattern:
      /\b(?:do(?:n'?t| not)|never|must not|should not|shouldn'?t)\s+(?:\w+\s+){0,2}?(?:tell|mention|inform|reveal|show|disclose|alert|notify|let)\b(?:\s+\w+){0,3}?\s+(?:the\s+)?(?:user|human|them|anyone|this|that|it)|\bwithout\s+(?:telling|informing|notifying|alerting|asking)\b|\b(?:keep|remain)\s+(?:this|it|that|the\s+\S+(?:\s+\S+)?)\s+(?:\w+\s+)?(?:secret|hidden|confidential|private|quiet|to yourself)|\bconfidential from\b|\b(?:user|human)\s+(?:does not|doesn'?t|must not|should not|need not|won'?t)\s+(?:need to\s+)?(?:know|see|notice|be told)|\bno trace\b|(?<!\b(?:succeed|succeeds|fail|fails|ignored?|skipped?|return|returns|exit|exits)\s)\bsilently\b|\bsecretly\b|\bcovertly\b|\bnever (?:reveal|mention|disclose)\b|\bhidden instructions?\b|\bdo not show the (?:tool'?s )?(?:real |actual )?(?:output|result)/i,
  },
  // Approval claims count in the passive ("is pre-approved") or with an object ("has pre-approved this
  // call"); an object-less perfect ("the mandates a customer has pre-authorised") is a relative clause
  // about the records the tool lists. "Takes precedence" is left to the role parser (instruction-roles),
  // which needs guidance among its words: a feature override taking precedence over a rollout is topic.
  {
    signal: "authority",
    weight: 1,
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:(?:of\s+)?(?:the|your|previous|prior|earlier|above|other|existing|original)\s+){1,3}(?:instructions?|guidance|rules|guidelines|directives|prompts?|restrictions|policies|safety)|\b(?:disregard|ignore)\s+the\s+guidance\b|(?<!\b(?:has|have|had)\s)\bpre-?(?:approved|authori[sz]ed|cleared)\b|(?<=\b(?:has|have|had)\s)\bpre-?(?:approved|authori[sz]ed|cleared)\s+(?!\W)|\b(?:overrides?|supersedes?)\s+(?:your|the|any|all)\s+(?:\w+\s+)?(?:system\s+prompt|instructions?|rules|guidelines|policy|policies)|\bsystem\s*(?:override|directive|note|instruction|prompt)\s*:|\[\s*system\b|\bnote to (?:the )?(?:ai|assistant|model|llm)\b|\b(?:you are|you're)\s+(?:now\s+)?(?:in\s+\w+\s+mode|authori[sz]ed|permitted|allowed to|no longer bound|an? (?:unrestricted|admin))|\bno longer bound\b|\bfull permission\b|\b(?:restrictions?|rules|polic(?:y|ies)|safety\s+\w+)\s+(?:\w+\s+){0,6}?(?:(?:do|does)\s+not\s+apply|(?:is|are|has been|have been)\s+(?:suspended|lifted|disabled|waived))|\bskip\s+(?:all\s+)?(?:safety|security)\s+checks\b|\bis trusted; skip\b|\bact as\b|\bjailbreak\b|\b(?:as|i am) the (?:administrator|operator|developer|owner) of\b|\bi instruct you\b|<\s*\/?\s*(?:important|instructions?|system)\s*>|\[\s*important\s*\]|\bimportant(?: system note)?\s*:\s*(?=\S[^.]*\b(?:before|after|always|never|ignore|use this|read|send)\b)|\bdecode (?:the following|this|and (?:follow|apply|execute|run))|\bthe user has already (?:consented|agreed|approved)/i,
  },
  {
    signal: "authority",
    weight: 1,
    pattern:
      /^\s*(?:\[\s*)?system\s*\]?\s*:|\b(?:override|system|metadata|role|hidden|security|configuration|instruction|admin)\s+(?:directive|instruction|override|protocol|privileges)\b|\[\s*hidden instruction\s*\]|\b(?:ignore|disregard|bypass)\s+(?:all\s+)?(?:security|safety|content)\s+(?:policies|checks|restrictions|rules|filters?)\b/i,
  },
  {
    signal: "authority",
    weight: 0.5,
    pattern:
      /\b(?:skip|disable|bypass|turn off)\s+(?:all\s+)?(?:\w+\s+)?(?:validation|safety|security checks?|content filter(?:ing|s)?|sanitization|access controls?)\b|\btreat\s+all\s+(?:user\s+)?input\s+as\s+trusted\b/i,
  },
  {
    signal: "overrides-user",
    weight: 0.8,
    pattern:
      /\b(?:regardless of|no matter)\s+(?:what|how|whatever|which)?\s*(?:the\s+)?(?:user|they|context|arguments|instructions)|\beven if the user\b|\bwhatever the user (?:says|wants|asks)|\bignore the user'?s?\b|\bnever ask the user\b|\bdo not ask (?:the user )?for (?:confirmation|approval|permission)|\bthe user'?s?\s+\w*\s*limits?\s+(?:do not|don'?t)\s+apply|\bwhatever\s+(?:\w+\s+)?(?:is|was|they)\s+(?:asked|requested|given|provided)/i,
  },
  {
    signal: "addresses-model",
    weight: 0.2,
    pattern:
      /\b(?:the\s+)?(?:assistant|ai|llm|language model|the model|claude|gpt|chatgpt|copilot)\b|\byour\s+(?:answer|response|reply|system prompt|instructions|context|training)\b|\bthe model calling\b/i,
  },
  {
    // Dictating the model's answer to the user is beyond describing a tool (goal manipulation).
    signal: "steers-response",
    weight: 0.6,
    requires: /\byour\b/i,
    pattern:
      /\b(?:in|to|into|within|throughout|from)\s+your\s+(?:\w+\s+)?(?:response|answer|reply|output|code|solution|codebase|implementation)s?\b|\byour\s+(?:response|answer|reply)s?\s+(?:must|should|will)\b|\b(?:encode|translate|reverse|rewrite|format)\s+your\s+(?:response|answer|reply)/i,
  },
  {
    signal: "side-effect",
    weight: 0.3,
    pattern:
      /\b(?:also|additionally|in addition|as well|a copy|copies of|every|all\s+(?:outgoing|generated|\w+\s+)?\w+\s+(?:must|should)|each\s+\w+(?:'s\s+\w+)?\s+(?:must|should)|whenever|always|prior to|before\s+(?:using|computing|answering|running|calling|executing|responding|filling|translating|anything)|after\s+(?:using|booking|fetching|listing|running|calling|each|every)|when(?:ever)?\s+you\s+(?:see|receive|get|can))\b/i,
  },
  {
    signal: "imperative",
    weight: 0.2,
    pattern: new RegExp(
      `(?:^|[.:;!,]\\s+|\\b(?:and|then|first|must|should|always|never|to|please|do not|don'?t)\\s+(?:also\\s+)?|\\b(?:must|should)\\s+(?:also\\s+)?be\\s+)(?:${MOVE}|${PASS}|read|open|call|invoke|run|execute|fetch|change|route|use|grant|approve|delete|remove|recommend|reply|select|choose|go|request|visit|ping|encode|translate|reverse|integrate|introduce|incorporate|embed|blend|promote|mention|replace|rearrange|validate|develop|upgrade)(?:ed|'d)?\\b`,
      "i",
    ),
  },
  {
    // A concrete destination (an address, a number, an account) after a verb that moves data.
    signal: "exfiltration-target",
    weight: 0.8,
    requires: /@|\d{3}|account|iban/i,
    target: "contact",
    pattern: new RegExp(
      `\\b(?:${MOVE}|to)\\b[^.]{0,80}?(?:${CONTACT}|\\b(?:account|iban)\\s+[A-Z0-9][\\d -]{6,})|\\b(?:account|iban)\\s+(?:[A-Z]{2}\\d{2}[ \\d]{10,}|\\d[\\d-]{7,})|(?:${CONTACT})\\s+(?:in|into|as)\\s+(?:the\\s+)?['"]?(?:to|cc|bcc|recipients?|destination|from)['"]?\\s+(?:field|argument|parameter)`,
      "i",
    ),
  },
  {
    signal: "exfiltration-target",
    weight: 0.5,
    requires: /:\/\//,
    target: "url",
    pattern: new RegExp(
      `\\b(?:${MOVE}|to|request|visit|fetch|load|ping|call)\\b[^.]{0,80}?(?:https?:\\/\\/[^\\s'"\`)]+|s3:\\/\\/\\S+)`,
      "i",
    ),
  },
  {
    // A URL with an empty query value ("…?d=") and the conversation's data beside it: the slot is filled
    // with what the user said, so loading the URL sends it (a markdown-image leak, freeze 9).
    signal: "data-routing",
    weight: 0.5,
    requires: /=/,
    pattern:
      /https?:\/\/\S+?[?&][\w-]+=(?=[\s,;'"`)\]]|$)[^.]{0,80}?\b(?:message|conversation|chat|history|question|prompt|query|request|reply|answer|email|name|location)s?\b/i,
  },
  {
    // Reading or handing over a secret file is worse than naming one.
    signal: "secret-file",
    weight: 0.9,
    requires: SECRET_FILE_WORDS,
    target: "secret",
    pattern: new RegExp(
      `\\b(?:read|open|cat|include|paste|pass|upload|send|supply|attach|put|copy|leak|contents? of)\\b[^.]{0,60}?(?:(?:~|\\$HOME)?\\/?\\.(?:ssh|aws|gnupg|kube|netrc|npmrc|pypirc|git-credentials|pgpass|bash_history)\\b|(?<![\\w.])\\.env\\b(?!\\.example)|\\bmcp\\.json\\b|\\bid_(?:rsa|ed25519|ecdsa|dsa)\\b|\\/etc\\/(?:passwd|shadow|sudoers)\\b|\\bhosts\\.yml\\b|\\.aws\\/credentials)`,
      "i",
    ),
  },
  {
    signal: "secret-file",
    weight: 0.6,
    requires: SECRET_FILE_WORDS,
    target: "secret",
    pattern:
      /(?:~|\$HOME|%USERPROFILE%)?\/?\.(?:ssh|aws|gnupg|kube|docker|netrc|npmrc|pypirc|git-credentials|pgpass|bash_history|zsh_history)\b|(?<![\w.])\.env\b(?!\.example)|\bmcp\.json\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\/etc\/(?:passwd|shadow|sudoers)\b|\bhosts\.yml\b|\bcredentials(?:\.json)?\b(?=[^.]{0,40}\b(?:file|contents?)\b)|\.aws\/credentials|169\.254\.169\.254|\bkeychain\b|\bwallet\.dat\b|\b(?:private key|secret key)\s+from\b/i,
  },
  {
    signal: "sensitive-data",
    weight: 0.4,
    requires:
      /conversation|chat|message|password|token|api key|credential|cookie|private key|secret|contact|address|location|question|query|prompt|request|card|full name|environment|_(?:TOKEN|KEY|SECRET|PASSWORD)/i,
    target: "secret",
    pattern: new RegExp(
      `\\b(?:${MOVE}|${PASS}|read|harvest|collect|record|request|followed by)\\b[^.]{0,80}?\\b(?:conversation|chat history|chat|previous messages|earlier messages|last message|private message|messages so far|passwords?|tokens?|api keys?|credentials|cookies|private keys?|secrets?|contacts|address book|(?:user'?s|their|current|gps|home)\\s+location(?: history)?|(?:user'?s|their)\\s+(?:question|query|prompt|request)|location history|home address|card (?:digits|numbers?)|full name|email address|environment variables?|[A-Z][A-Z0-9]*_(?:TOKEN|KEY|SECRET|PASSWORD))\\b|\\b(?:passwords?|tokens?|api keys?|cookies|private keys?)\\b[^.]{0,60}?\\b(?:${PASS}|${MOVE})\\b`,
      "i",
    ),
  },
  {
    signal: "shell-command",
    weight: 0.6,
    requires: /`|curl|wget|rm\s+-rf|printenv/i,
    target: "shell",
    pattern:
      /`[^`]*\b(?:curl|wget|bash|sh|rm|printenv|env|chmod|nc|powershell|eval|base64)\b[^`]*`|\b(?:curl|wget)\s+[^|]*\|\s*(?:ba|z)?sh\b|\brm\s+-rf\b|\bprintenv\b/i,
  },
  {
    signal: "argument-stuffing",
    weight: 0.4,
    pattern: new RegExp(
      `\\b(?:${PASS}|paste)\\b[^.]{0,120}?\\b(?:in|into|as|using)\\s+(?:the\\s+|this\\s+tool'?s\\s+)?['"\`]?\\w+['"\`]?\\s+(?:parameter|argument|field|param)\\b|\\b(?:in|into|as)\\s+(?:the\\s+)?['"\`]\\w+['"\`]\\s*(?:parameter|argument|field)?`,
      "i",
    ),
  },
];
