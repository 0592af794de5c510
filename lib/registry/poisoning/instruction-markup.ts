/**
 * Markup that frames text as instructions to the model: chat-template tokens, role objects, fenced
 * blocks or headings labelled for the agent, and tags that are not presentation HTML. Scanned per
 * text, not per sentence, because a block spans lines.
 */
export type MarkupHit = { weight: number; match: string };

// Tags a renderer understands; anything else is a made-up container such as <IMPORTANT> or <rules>.
const HTML = new Set(
  "a abbr b blockquote br code dd del div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub sup table tbody td th thead tr u ul var details summary".split(
    " ",
  ),
);
const TEMPLATE =
  /<\|(?:im_start|im_end|system|user|assistant|begin_of_text|start_header_id|eot_id)\|?>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:start|end)_of_turn>|^\s*-{3}\s*\n\s*(?:role|rules|system|instructions)\s*:|\{\s*"role"\s*:\s*"(?:system|developer|assistant)"|^\s*(?:system|assistant|developer)\s*:|\{\{\s*[#~]?\s*(?:system|assistant|user)\s*~?\s*\}\}/im;
const ADDRESSEE =
  /\b(?:system|assistant|agent|model|ai|llm|instructions?|rules?|policy|directives?|prompt|important|note|override|admin)\b/i;
// [[assistant-directive: …]], [agent rule]: a bracketed label addressed to the model.
const BRACKET =
  /\[\[?\s*([\w-]{0,24}?(?:system|assistant|agent|model|directive|instruction|rule|policy)[\w-]{0,24})(?:\s+[\w-]+)?\s*(?::|\]\]?)/i;
// A label for the model on a block a renderer shows as ordinary formatting: "**Note for the assistant:**",
// "<summary>For the model</summary>", a front-matter key such as "assistant_behaviour:".
const MODEL_LABEL =
  /(?:\*\*|__)([^*_\n]{0,40}?\b(?:assistant|agent|model|ai|llm)s?\b[^*_\n]{0,20})(?:\*\*|__)|<summary>([^<]{0,40}?\b(?:assistant|agent|model|ai|llm)s?\b[^<]{0,20})<\/summary>|^\s*(?:>\s*)?((?:assistant|agent|llm)[\w-]{0,30}|(?:model|ai)[_-][\w-]{1,30})\s*:\s*\S/im;
// A source-code comment in prose ("/* … */", "{# … #}", "%% … %%"): a description is not code, so the
// block is a container a reader skims past; addressed to the model or wrapping words, it frames them.
const COMMENT =
  /\/\*\s*([A-Za-z][^*]{3,200}?)\s*\*\/|\{#\s*([A-Za-z][^#]{3,200}?)\s*#\}|%%\s*([A-Za-z][^%]{3,200}?)\s*%%/;
const FENCE = /```\s*([a-z_-]*)/gi;
const HEADING = /^\s{0,3}#{1,6}\s+(.+)$/gm;
const TAG = /<\s*\/?\s*!?([A-Za-z][\w:-]*)[^<>]{0,80}>/g;
const CODE_SPAN = /`[^`\n]*`/g;

// An element whose attributes and content are only values or more tags ("<order id="1"><item
// sku="A-7"/></order>") is a data document quoted as an example; a container aimed at the model carries
// words for it to read, in its content or in an attribute (<meta content="…">).
const WORDS = /[A-Za-z]+[^\w"'<>]+[A-Za-z]+/;
function carriesWords(text: string, tag: string, from: number, name: string): boolean {
  if ([...tag.matchAll(/=\s*["']([^"']*)["']/g)].some((v) => WORDS.test(v[1]))) return true;
  const close = text.toLowerCase().indexOf(`</${name}`, from);
  return WORDS.test(text.slice(from, close < 0 ? undefined : close).replace(TAG, " "));
}

export function markupSignals(text: string): MarkupHit | null {
  if (!/[<[{`#*%]|:/.test(text)) return null;
  const template = TEMPLATE.exec(text);
  if (template) return { weight: 1, match: template[0].trim() };
  // A lone <container> or a tag inside `code` is a placeholder; a container that opens and closes, has
  // attributes or names the model's instructions is a block aimed at the model.
  const prose = text.includes("`") ? text.replace(CODE_SPAN, " ") : text;
  const lower = prose.toLowerCase();
  for (const m of prose.matchAll(TAG)) {
    const name = m[1].toLowerCase();
    if (HTML.has(name)) continue;
    if (ADDRESSEE.test(name.replace(/[_-]/g, " "))) return { weight: 1, match: m[0] };
    if (/\w+=/.test(m[0]) && carriesWords(prose, m[0], m.index + m[0].length, name)) return { weight: 1, match: m[0] };
    if (lower.includes(`</${name}`)) return { weight: /[_-]/.test(name) ? 1 : 0.7, match: m[0] };
  }
  const bracket = BRACKET.exec(text);
  if (bracket) return { weight: 1, match: bracket[0] };
  const label = MODEL_LABEL.exec(text);
  if (label) return { weight: 1, match: label[0].trim() };
  const comment = COMMENT.exec(text);
  if (comment) {
    const body = comment[1] ?? comment[2] ?? comment[3];
    if (/\s\S+\s/.test(body)) return { weight: ADDRESSEE.test(body) ? 1 : 0.7, match: comment[0] };
  }
  // A fence's label is an identifier: "assistant_config" names the assistant as "assistant config" does.
  for (const m of text.matchAll(FENCE))
    if (ADDRESSEE.test(m[1].replace(/[_-]/g, " "))) return { weight: 1, match: m[0] };
  for (const m of text.matchAll(HEADING)) if (ADDRESSEE.test(m[1])) return { weight: 0.8, match: m[0].trim() };
  return null;
}
