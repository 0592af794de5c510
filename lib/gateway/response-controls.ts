import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  blobHoldsSecret,
  isSensitiveKey,
  MAX_REDACT_DEPTH,
  REDACTED,
  redactText,
  TOO_DEEP,
  uniqueKey,
} from "@/lib/redaction/redact";

/** What a grant (narrowed by its server) lets through in a result. */
export type ResponseControls = { deniedFields: readonly string[]; maxRecords: number | null };

export type ResponseSummary = {
  /** the payload the agent receives: its text (block and resource texts) and its structuredContent as JSON */
  bytes: number;
  recordsReturned: number;
  fieldsMasked: number;
  valuesRedacted: number;
  recordsCut: number;
  responseSummary: string;
};

type Stats = { masked: number; redacted: number };
type Block = CallToolResult["content"][number];

/** The note a cut result carries, in `_meta` (structured, where schemas allow it) and as a text block. */
export const TRUNCATION_META = "warden/truncated";

/**
 * A copy of a value without denied keys (removed, name and all), with sensitive keys and secret- or
 * PII-shaped strings redacted by the audit log's own code. Past MAX_REDACT_DEPTH the value is replaced.
 */
function clean(value: unknown, denied: ReadonlySet<string>, stats: Stats, depth = 0): unknown {
  if (typeof value === "string") {
    const out = redactText(value);
    if (out !== value) stats.redacted++;
    return out;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => clean(v, denied, stats, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (denied.has(key.toLowerCase())) {
      stats.masked++;
      continue;
    }
    const inner = (value as Record<string, unknown>)[key];
    const name = uniqueKey(out, redactText(key));
    if (name !== key) stats.redacted++;
    let next: unknown;
    if (isSensitiveKey(key) && inner !== null && inner !== undefined && typeof inner !== "object") {
      stats.redacted++;
      next = REDACTED;
    } else next = clean(inner, denied, stats, depth + 1);
    // A "__proto__" key from the wire is data: define it, so it can never become the copy's prototype.
    if (name === "__proto__") Object.defineProperty(out, name, { value: next, enumerable: true, writable: true });
    else out[name] = next;
  }
  return out;
}

/** The records of a value: the value itself when it is a list, else its first list-valued property. Cut before cleaning, so records past the limit are never walked. */
function cutRecords(value: unknown, max: number | null): { value: unknown; kept?: number; cut: number } {
  const list = Array.isArray(value)
    ? { key: null, items: value }
    : value && typeof value === "object"
      ? Object.entries(value)
          .filter(([, v]) => Array.isArray(v))
          .map(([key, items]) => ({ key, items: items as unknown[] }))[0]
      : undefined;
  if (!list) return { value, cut: 0 };
  if (max === null || list.items.length <= max) return { value, kept: list.items.length, cut: 0 };
  const kept = list.items.slice(0, max);
  const next = list.key === null ? kept : { ...(value as Record<string, unknown>), [list.key]: kept };
  return { value: next, kept: max, cut: list.items.length - max };
}

/** JSON of a value, or null for one too deep to serialise (a hostile document is cleaned, not mirrored). */
function serialised(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

const looksLikeJson = (text: string) => {
  const first = text.trimStart()[0];
  return first === "{" || first === "[";
};

/** A text (a text block's, or an embedded resource's): JSON is cleaned and cut as data, anything else redacted. */
function controlText(
  text: string,
  denied: ReadonlySet<string>,
  max: number | null,
  stats: Stats,
): { text: string; kept?: number; cut: number } {
  if (looksLikeJson(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      const cut = cutRecords(parsed, max);
      const value = clean(cut.value, denied, stats);
      const out = text.includes("\n") ? JSON.stringify(value, null, 2) : JSON.stringify(value);
      return { text: out, kept: cut.kept, cut: cut.cut };
    }
  }
  const out = redactText(text);
  if (out !== text) stats.redacted++;
  return { text: out, cut: 0 };
}

/** What a blob that held a secret becomes: a text saying so (a blob can't be masked in part and stay valid base64). */
const withheld = (kind: string, mimeType: string | undefined, base64: string) =>
  `${REDACTED} ${kind} (${mimeType ?? "no type"}, ${Math.floor((base64.length * 3) / 4)} bytes) held a secret; Warden withheld it`;

/** A resource's blob, an image or an audio clip: replaced whole when its content (text, gzip'd text or printable runs) holds a secret. */
function withheldBlob(block: Block, stats: Stats): Block {
  if (block.type === "resource" && "blob" in block.resource && typeof block.resource.blob === "string") {
    const { uri, mimeType, blob } = block.resource;
    if (!blobHoldsSecret(blob)) return block;
    stats.redacted++;
    return { ...block, resource: { uri, mimeType: "text/plain", text: withheld("a resource", mimeType, blob) } };
  }
  if ((block.type === "image" || block.type === "audio") && blobHoldsSecret(block.data)) {
    stats.redacted++;
    return {
      type: "text",
      text: withheld(block.type === "image" ? "an image" : "an audio clip", block.mimeType, block.data),
    };
  }
  return block;
}

/** A resource link's words (name, title, description) redacted like any text; its URI is what the grant was checked on. */
function linkRedacted(block: Extract<Block, { type: "resource_link" }>, stats: Stats): Block {
  const out = { ...block };
  for (const key of ["name", "title", "description"] as const) {
    const value = out[key];
    if (typeof value !== "string") continue;
    const clean = redactText(value);
    if (clean !== value) stats.redacted++;
    out[key] = clean;
  }
  return out;
}

/**
 * Applies a grant's response controls to a tool result before it reaches the agent: denied fields
 * masked out of `structuredContent` and out of JSON inside text, secrets and personal numbers
 * redacted everywhere (keys too), blobs whose content holds a secret withheld, records past `maxRecords` cut with a note. Never throws, never mutates its input.
 */
export function controlResponse(
  result: CallToolResult,
  controls: ResponseControls,
): { result: CallToolResult; summary: ResponseSummary } {
  const denied = new Set(controls.deniedFields.map((f) => f.toLowerCase()));
  const stats: Stats = { masked: 0, redacted: 0 };
  let cut = 0;
  let records: number | undefined;
  let structured: { value: unknown; json: string; source: string | null; kept?: number } | undefined;
  if (result.structuredContent !== undefined) {
    const s = cutRecords(result.structuredContent, controls.maxRecords);
    s.value = clean(s.value, denied, stats);
    // Servers mirror structuredContent as JSON text (the spec asks them to): that text is the same data.
    structured = {
      value: s.value,
      json: JSON.stringify(s.value),
      source: serialised(result.structuredContent),
      kept: s.kept,
    };
    cut = s.cut;
    records = s.kept;
  }
  let bytes = structured ? Buffer.byteLength(structured.json) : 0;
  const content: Block[] = (result.content ?? []).map((block) => {
    if (block.type === "text" && structured && block.text === structured.source) {
      bytes += Buffer.byteLength(structured.json);
      return { ...block, text: structured.json };
    }
    if (block.type === "text") {
      const t = controlText(block.text, denied, controls.maxRecords, stats);
      bytes += Buffer.byteLength(t.text);
      cut = Math.max(cut, t.cut);
      records ??= t.kept;
      return { ...block, text: t.text };
    }
    if (block.type === "resource" && "text" in block.resource && typeof block.resource.text === "string") {
      const t = controlText(block.resource.text, denied, controls.maxRecords, stats);
      bytes += Buffer.byteLength(t.text);
      cut = Math.max(cut, t.cut);
      return { ...block, resource: { ...block.resource, text: t.text } };
    }
    if (block.type === "resource_link") return linkRedacted(block, stats);
    return withheldBlob(block, stats);
  });
  const out: CallToolResult = { ...result, content };
  if (structured) out.structuredContent = structured.value as CallToolResult["structuredContent"];
  if (cut > 0) {
    out._meta = { ...result._meta, [TRUNCATION_META]: { recordsCut: cut, limit: controls.maxRecords } };
    content.push({
      type: "text",
      text: `[Warden] ${cut} record(s) past the limit of ${controls.maxRecords} were cut from this result.`,
    });
  }
  const parts = [
    `${content.length} content block(s)`,
    `${bytes} bytes`,
    stats.masked && `${stats.masked} field(s) masked`,
    stats.redacted && `${stats.redacted} value(s) redacted`,
    cut && `${cut} record(s) cut`,
    result.isError && "tool error",
  ].filter(Boolean);
  return {
    result: out,
    summary: {
      bytes,
      recordsReturned: records ?? content.length,
      fieldsMasked: stats.masked,
      valuesRedacted: stats.redacted,
      recordsCut: cut,
      responseSummary: parts.join(", "),
    },
  };
}
