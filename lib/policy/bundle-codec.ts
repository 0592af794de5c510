import type { Snapshot } from "./snapshot";

/**
 * The policy bundle: everything the decision engine reads, as JSON a gateway can hold in memory.
 * Maps and Dates are tagged rather than listed field by field, so a field added to the snapshot
 * reaches gateways without a second schema to forget (a dropped limit would fail open).
 */
export type PolicyBundle = {
  format: 1;
  /** the ETag: changes whenever anything a decision reads changes */
  etag: string;
  registryVersion: number;
  issuedAt: string;
  paused: boolean;
  pauseReason: string | null;
  /** sha256 of each live agent credential, with the client id of its agent */
  credentials: { hash: string; agent: string }[];
  /** each linked SSO identity (issuer, subject) with its user's email: a gateway names token subjects by it */
  identities?: { issuer: string; subject: string; email: string }[];
  snapshot: unknown;
};

/** A bundle as a gateway uses it: the engine's snapshot plus credential lookup. */
export type LoadedBundle = {
  etag: string;
  issuedAt: Date;
  paused: boolean;
  pauseReason: string | null;
  snapshot: Snapshot & { paused: boolean };
  agentByCredentialHash: Map<string, string>;
  /** the Warden user's email by `${issuer}\n${subject}` of a linked SSO identity */
  userByIdentity: Map<string, string>;
};

export const identityKey = (issuer: string, subject: string) => `${issuer}\n${subject}`;

const replacer = function (this: Record<string, unknown>, key: string, value: unknown) {
  const raw = this[key];
  if (raw instanceof Map) return { $map: [...raw.entries()] };
  if (raw instanceof Date) return { $date: raw.toISOString() };
  return value;
};

const reviver = (_key: string, value: unknown) => {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as { $map?: unknown; $date?: unknown };
    if (Array.isArray(v.$map)) return new Map(v.$map as [string, unknown][]);
    if (typeof v.$date === "string") return new Date(v.$date);
  }
  return value;
};

export function encodeBundle(b: Omit<PolicyBundle, "format" | "snapshot"> & { snapshot: Snapshot }): string {
  return JSON.stringify({ format: 1, ...b }, replacer);
}

/** Parses a bundle; throws on anything that is not one, so a gateway keeps its last good bundle. */
export function decodeBundle(text: string): LoadedBundle {
  const b = JSON.parse(text, reviver) as PolicyBundle & { snapshot: Snapshot };
  const s = b?.snapshot;
  if (b?.format !== 1 || typeof b.etag !== "string" || typeof b.paused !== "boolean")
    throw new Error("not a Warden policy bundle (format 1)");
  if (!(s?.agents instanceof Map) || !(s.servers instanceof Map) || !Array.isArray(b.credentials))
    throw new Error("the policy bundle has no agents, servers or credentials");
  return {
    etag: b.etag,
    issuedAt: new Date(b.issuedAt),
    paused: b.paused,
    pauseReason: b.pauseReason,
    snapshot: { ...s, paused: b.paused },
    agentByCredentialHash: new Map(b.credentials.map((c) => [c.hash, c.agent])),
    userByIdentity: new Map((b.identities ?? []).map((i) => [identityKey(i.issuer, i.subject), i.email])),
  };
}
