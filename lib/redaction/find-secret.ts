import { detectSecret, TOKEN_PATTERNS } from "./secret-detector";

/**
 * The secret check for registry input: the one detector (lib/redaction/secret-detector.ts, whose token shapes the
 * redaction module shares), applied to the text as given and to each part of every URL in it,
 * decoded. In a URL the detector splits on "/" (path segments), so a key that contains "/" (an AWS
 * secret access key) in a query value (`?key=…`), percent-encoded or not, is looked at on its own too.
 */
export type SecretFinding = { kind: string };

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Query and fragment parameters (`a=b&c=d`), each name and value decoded; "+" is kept, not read as a space. */
function parameterParts(s: string): string[] {
  return s
    .split("&")
    .flatMap((pair) => pair.split(/=(.*)/s, 2))
    .filter(Boolean)
    .map(decode);
}

function urlParts(candidate: string): string[] {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return [decode(candidate)];
  }
  const parts = [decode(candidate), ...parameterParts(url.search.slice(1)), ...parameterParts(url.hash.slice(1))];
  if (url.password) parts.push(`${url.protocol}//${url.username}:${url.password}@${url.host}/`);
  return parts;
}

export function findSecret(text: string): SecretFinding | null {
  const direct = detectSecret(text);
  if (direct) return { kind: direct };
  for (const match of text.matchAll(URL_IN_TEXT)) {
    for (const part of urlParts(match[0])) {
      const kind = detectSecret(part);
      if (kind) return { kind: `${kind} (in a URL)` };
    }
  }
  return null;
}

/** The 422 message for a field that holds a secret: names the kind, never echoes the value. */
export const secretFieldMessage = (kind: string) =>
  `This contains ${kind}. Warden never stores secret values: keep the secret in your vault and enter its path, ARN or URI instead.`;

/**
 * Only the token shapes (a GitHub, Slack or Stripe token, an AWS key id, a private key, a JWT…), not the
 * heuristics: for text Warden must keep exactly as a third party wrote it (a tool's description holding
 * an example sha256 is not a secret; a live token in it is).
 */
export function findToken(text: string): SecretFinding | null {
  for (const pattern of TOKEN_PATTERNS) {
    const match = text.match(pattern); // stateless, whatever the pattern's flags
    if (match) return { kind: detectSecret(match[0]) ?? "a token" };
  }
  return null;
}
