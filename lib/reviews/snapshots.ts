import { grantEntitlement, type GrantEntitlement } from "@/lib/policy/grant-entitlement";
import { rotationDueAt } from "@/lib/registry/credential-flags";

/** What an item freezes: the entitlement's content, in plain JSON, the same shape live and frozen. */
export type GrantRow = GrantEntitlement & {
  id: string;
  source: string;
  status: string;
  createdAt: Date;
  grantedById: string | null;
  grantedBy: { email: string } | null;
  agent: { clientId: string; name: string };
  server: { slug: string };
};

type Frozen<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** The entitlement as plain JSON: lists sorted (their order means nothing), dates as ISO strings. */
const frozenEntitlement = (g: GrantEntitlement) =>
  Object.fromEntries(
    Object.entries(grantEntitlement(g)).map(([k, v]) => [
      k,
      Array.isArray(v) ? [...v].sort() : v instanceof Date ? v.toISOString() : v,
    ]),
  ) as Frozen<GrantEntitlement>;

export function grantSnapshot(g: GrantRow) {
  return {
    agent: g.agent.clientId,
    agentName: g.agent.name,
    server: g.server.slug,
    ...frozenEntitlement(g),
    source: g.source,
    status: g.status,
    grantedBy: g.grantedBy?.email ?? (g.grantedById ? g.grantedById : "system"),
    grantedAt: g.createdAt.toISOString(),
  };
}

export type CredentialRow = {
  id: string;
  provider: string;
  reference: string;
  kind: string;
  rotationDays: number;
  lastRotatedAt: Date | null;
  createdAt: Date;
  dynamicSecret: boolean;
  expiresAt: Date | null;
  environment: string;
  server: { slug: string };
};

export function credentialRotation(c: CredentialRow, now: Date) {
  if (c.dynamicSecret) return { state: "dynamic", dueAt: null };
  const dueAt = rotationDueAt(c);
  return { state: dueAt < now ? "overdue" : "current", dueAt };
}

/** The rotation state is taken as of the campaign start (`asOf`), so the frozen content stays stable. */
export function credentialSnapshot(c: CredentialRow, asOf: Date) {
  const rotation = credentialRotation(c, asOf);
  return {
    server: c.server.slug,
    provider: c.provider,
    path: c.reference,
    kind: c.kind,
    environment: c.environment,
    rotationDays: c.rotationDays,
    lastRotatedAt: c.lastRotatedAt?.toISOString() ?? null,
    rotationDueAt: rotation.dueAt?.toISOString() ?? null,
    rotationState: rotation.state,
    expiresAt: c.expiresAt?.toISOString() ?? null,
  };
}

export type ServerRow = {
  id: string;
  slug: string;
  name: string;
  environment: string;
  dataClassification: string | null;
  status: string;
  primaryOwnerId: string | null;
  ownerTeamId: string | null;
  primaryOwner: { email: string; disabled: boolean } | null;
  ownerTeam: { slug: string } | null;
};

export function ownershipSnapshot(s: ServerRow) {
  return {
    server: s.slug,
    serverName: s.name,
    environment: s.environment,
    classification: s.dataClassification,
    status: s.status,
    primaryOwner: s.primaryOwner?.email ?? null,
    ownerTeam: s.ownerTeam?.slug ?? null,
  };
}
