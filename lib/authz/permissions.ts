import { Role, type TokenScope } from "@/lib/generated/prisma/enums";

const ALL = Object.values(Role);

/**
 * The one table of who may do what. People act through roles; machines act through token scopes.
 * Every route and every service checks against this table.
 */
export const PERMISSIONS = {
  "dashboard.read": { roles: ALL },
  /** Every signed-in user reads and clears their own notifications; services scope them to the user. */
  "notifications.own": { roles: ALL },
  "teams.read": { roles: ALL },
  /** Everyone sees whether the org is paused: the console shows a banner. */
  "org.pause.read": { roles: ALL },
  "servers.read": { roles: ALL, scopes: ["read"] },
  "agents.read": { roles: ALL, scopes: ["read"] },
  "servers.create": { roles: ["ADMIN"] },
  /** OWNERs only for servers their team owns: services scope the query by team. */
  "servers.manage": { roles: ["ADMIN", "OWNER"] },
  /** Every server, not only the team's; a manifest token imports into any server. */
  "servers.manage.any": { roles: ["ADMIN"], scopes: ["manifest"] },
  /** Activating a server, and overriding readiness, is a security admin's call. */
  "servers.activate": { roles: ["ADMIN"] },
  "tools.review": { roles: ["ADMIN"] },
  "manifests.import": { roles: ["ADMIN", "OWNER"], scopes: ["manifest"] },
  /** OWNERs only for agents they own or their team owns: services scope the query. */
  "agents.manage": { roles: ["ADMIN", "OWNER"] },
  "agents.manage.any": { roles: ["ADMIN"] },
  "grants.manage": { roles: ["ADMIN", "OWNER"] },
  "org.pause.manage": { roles: ["ADMIN"] },
  /** Business hours, the escalation team and the other organisation-wide settings. */
  "org.settings.manage": { roles: ["ADMIN"] },
  "decisions.create": { roles: [], scopes: ["decide"] },
  "audit.ingest": { roles: [], scopes: ["ingest"] },
  /** Warden gateways read the whole decision snapshot, agent credential hashes included. */
  "policy.bundle": { roles: [], scopes: ["bundle"] },
  "findings.read": { roles: ["ADMIN", "AUDITOR", "OWNER"], scopes: ["read"] },
  "findings.manage": { roles: ["ADMIN"] },
  "approvals.request": { roles: ["ADMIN", "APPROVER", "OWNER"] },
  "approvals.read": { roles: ["ADMIN", "APPROVER", "AUDITOR", "OWNER"], scopes: ["decide"] },
  "approvals.vote": { roles: ["APPROVER"] },
  /** Applying a pending registry request without its votes: loud (CRITICAL finding, approvers told). */
  "approvals.break_glass": { roles: ["ADMIN"] },
  /** Reviewers of record can be any owner or approver; services show them only their own items. */
  "reviews.read": { roles: ["ADMIN", "APPROVER", "AUDITOR", "OWNER"] },
  /** Every reviewer's items, not only one's own. */
  "reviews.viewAll": { roles: ["ADMIN", "AUDITOR"] },
  /** Deciding needs the item to be assigned to you as well (or to your team, when it is the fallback). */
  "reviews.decide": { roles: ["ADMIN", "APPROVER", "OWNER"] },
  /** Creating, starting, cancelling and reassigning campaigns, and the review schedule. */
  "reviews.manage": { roles: ["ADMIN"] },
  "reviews.signoff": { roles: ["ADMIN", "AUDITOR"] },
  "audit.read": { roles: ["ADMIN", "AUDITOR"], scopes: ["read"] },
  "audit.verify": { roles: ["ADMIN", "AUDITOR"], scopes: ["read"] },
  /** Streams audit rows out of Warden (CSV, NDJSON, evidence packs); every export is itself audited. */
  "audit.export": { roles: ["ADMIN", "AUDITOR"] },
  "reports.read": { roles: ["ADMIN", "AUDITOR"] },
  /** Scheduling recurring reports into the report history. */
  "reports.schedule": { roles: ["ADMIN"] },
  /** SIEM targets (Splunk HEC, syslog) that audit events are forwarded to. */
  "siem.manage": { roles: ["ADMIN"] },
  "settings.read": { roles: ["ADMIN"] },
  /** The Warden gateways that poll the policy bundle: id, upstreams, bundle version, last seen. */
  "gateways.read": { roles: ["ADMIN"] },
  "users.read": { roles: ["ADMIN"] },
  "users.manage": { roles: ["ADMIN"] },
  "teams.manage": { roles: ["ADMIN"] },
  "tokens.manage": { roles: ["ADMIN"] },
  "webhooks.manage": { roles: ["ADMIN"] },
} as const satisfies Record<string, { roles: readonly Role[]; scopes?: readonly TokenScope[] }>;

export type Action = keyof typeof PERMISSIONS;

export type Principal =
  { type: "USER"; roles: readonly Role[] } | { type: "TOKEN"; scopes: readonly TokenScope[] } | { type: "SYSTEM" };

export function can(principal: Principal, action: Action): boolean {
  const rule: { roles: readonly Role[]; scopes?: readonly TokenScope[] } = PERMISSIONS[action];
  // SYSTEM is the operator at the server's shell (seed, CLI scripts): never reachable over HTTP.
  if (principal.type === "SYSTEM") return true;
  if (principal.type === "USER") return principal.roles.some((r) => rule.roles.includes(r));
  return principal.scopes.some((s) => rule.scopes?.includes(s) ?? false);
}
