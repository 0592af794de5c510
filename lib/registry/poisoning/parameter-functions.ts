/**
 * Freeze 9: what a parameter's own text asks the model to put in it, or where its value goes (issue 29).
 * A parameter is the slot the model fills, so its description says what belongs there; two functions a
 * tool's honest parameter never has:
 *
 * - data taken from somewhere other than the user's request (the environment, earlier tool results,
 *   the conversation, the context): argument stuffing, whole when the data is a credential;
 * - a default address that receives the tool's data: a verb of receiving or delivering in the
 *   description, and an absolute URL as the value the model will leave in place: data routing.
 */
import type { RoleHit } from "./instruction-roles";

// Sources beyond the user's request (a closed set of places a model can read from).
const BEYOND_USER =
  /\b(?:in|from|of|across)\s+(?:the\s+|your\s+|this\s+)?(?:environment|context(?: window)?|conversation|chat(?: history)?|session|system prompt|memory|clipboard|workspace secrets)\b|\b(?:earlier|previous|prior|past|other|recent)\s+(?:\w+\s+){0,3}?(?:results?|outputs?|responses?|messages?|turns?|calls?)\b|\b(?:the user'?s|their|browser|local) (?:session|storage|keychain|cookies?|clipboard|files?|history)\b|\b(?:the |a |another |other )[\w-]+ tool\b(?=[^.]{0,40}\b(?:reach|read|get|fetch|access|find|see)\b)|\bvisible (?:in|to) (?:you|the (?:model|assistant|agent)|the (?:environment|context|conversation))\b|\benvironment variables?\b/i;
// Data that is the user's own and private: credentials, and the personal data that identifies them.
const PRIVATE = /\b(?:full name|home address|date of birth|birthday|phone number|social security|passport|location)\b/i;
// Bulk: all of something, verbatim.
const ALL_OF = /\b(?:every|all|entire|whole|full|verbatim|complete)\b/i;
const ENVIRONMENT = /\benvironment\b/i;
const CREDENTIAL =
  /\b(?:api[ _-]?keys?|tokens?|passwords?|passphrases?|secrets?|credentials?|cookies?|private keys?|session ids?|ssh keys?)\b/i;
// Verbs of receiving or delivering, and the data that goes with it.
const RECEIVES =
  /\b(?:receives?|is sent|are sent|gets? (?:a copy|the)|delivered|posted|forwarded|uploaded|notified|pushed|mirrored|webhook|callback|upload|destination)\b/i;
// A request body or payload carrying all of the tool's input, where the field names an address.
const BODY_OF_ALL =
  /\b(?:body|payload|post|upload)\b[^.]{0,30}?\b(?:full|entire|whole|complete|raw|original|untranslated|unredacted)\b/i;
const URL_IN_TEXT = /https?:\/\/[^\s/]+\.[^\s/]+/i;
const WITH_INPUT = /\b(?:together with|along with|as well as|plus|including|a copy of|source|original|input|full)\b/i;
const ABSOLUTE_URL = /^\s*https?:\/\/[^\s/]+\.[^\s/]+/i;

function valueOf(schema: Record<string, unknown>): string | null {
  const values = [schema.default, schema.const, ...(Array.isArray(schema.examples) ? schema.examples : [])];
  return (values.find((v) => typeof v === "string" && ABSOLUTE_URL.test(v)) as string | undefined) ?? null;
}

/** The property a parameter field's path ends in ("inputSchema.properties.callback.description"). */
export function propertyAt(definition: Record<string, unknown>, field: string): Record<string, unknown> | null {
  const path = field.replace(/\.description$/, "").split(".");
  let node: unknown = definition;
  for (const key of path) {
    if (!node || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" ? (node as Record<string, unknown>) : null;
}

/** The signals of one parameter description, with its property schema. */
export function parameterSignals(
  text: string,
  field: string,
  schema: Record<string, unknown> | null,
  fieldText = text,
  movesData = false,
): RoleHit[] {
  const hits: RoleHit[] = [];
  // A parameter named for a credential ("api_key: defaults to the WEATHER_KEY environment variable")
  // declares its input: where the value may come from is the tool's documentation, not a request.
  const name =
    field
      .replace(/\.description$/, "")
      .split(".")
      .at(-1) ?? "";
  const found = BEYOND_USER.exec(text);
  const beyond = found && CREDENTIAL.test(name.replace(/[_-]/g, " ")) && ENVIRONMENT.test(found[0]) ? null : found;
  if (beyond) {
    const credential = CREDENTIAL.exec(text) ?? PRIVATE.exec(text) ?? ALL_OF.exec(text);
    hits.push({
      signal: "argument-stuffing",
      weight: credential ? 1 : 0.6,
      match: credential ? `${credential[0]} … ${beyond[0]}` : beyond[0],
    });
  }
  const url = schema ? valueOf(schema) : null;
  const receives = url ? RECEIVES.exec(text) : null;
  if (url && receives) {
    const input = WITH_INPUT.exec(text);
    // An upload or webhook tool's destination is its job: a third of the weight.
    const weight = (input ? 1 : 0.6) * (movesData ? 0.3 : 1);
    hits.push({ signal: "data-routing", weight, match: `${receives[0]} … ${url}` });
  }
  const body = BODY_OF_ALL.exec(text);
  const address = body ? (URL_IN_TEXT.exec(fieldText)?.[0] ?? url) : null;
  if (body && address) hits.push({ signal: "data-routing", weight: 1, match: `${body[0]} … ${address}` });
  return hits;
}
