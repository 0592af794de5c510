import type { AuditCategory } from "@/lib/schemas/audit-category";

type ActionSpec = { category: AuditCategory; label: string };

/**
 * Every action Warden writes to the audit log, with its category and how the console names it (the
 * shape of its data, where pinned down, is in action-data.ts). `AuditInput.action` takes only these (or an ingested call's MCP method, see `wireMethod`), so a new
 * action is added here first and a misspelt one fails the type check.
 */
export const AUDIT_ACTIONS = {
  // Sign-in and sessions
  "auth.sign_in": { category: "AUTH", label: "Password sign-in" },
  "auth.sign_out": { category: "AUTH", label: "Signed out" },
  "auth.sso_sign_in": { category: "AUTH", label: "SSO sign-in" },
  "auth.sso_user_provisioned": { category: "AUTH", label: "User created at SSO sign-in" },
  "auth.sso_identity_linked": { category: "AUTH", label: "SSO identity linked with a password" },
  "auth.break_glass_sign_in": { category: "AUTH", label: "Break-glass sign-in" },

  // Registry: servers, tools, manifests, credentials
  "server.created": { category: "ADMIN", label: "Server registered" },
  "server.updated": { category: "ADMIN", label: "Server updated" },
  "server.change_held_for_approval": { category: "ADMIN", label: "Server change held for approval" },
  "server.status_changed": { category: "ADMIN", label: "Server status changed" },
  "server.suspended": { category: "ADMIN", label: "Server suspended" },
  "server.reinstated": { category: "ADMIN", label: "Server reinstated" },
  "server.owner_removed": { category: "ADMIN", label: "Server owner removed" },
  "tool.updated": { category: "ADMIN", label: "Tool updated" },
  "tool.approved": { category: "ADMIN", label: "Tool approved" },
  "tool.change_approved": { category: "ADMIN", label: "Tool change approved" },
  "tool.poisoning_overridden": { category: "ADMIN", label: "Poisoning warning overridden" },
  "tool.definitions_rehashed": { category: "ADMIN", label: "Tool definitions rehashed" },
  "tool.suspended": { category: "ADMIN", label: "Tool suspended" },
  "tool.reinstated": { category: "ADMIN", label: "Tool reinstated" },
  "manifest.imported": { category: "ADMIN", label: "Manifest imported" },
  "credential.added": { category: "ADMIN", label: "Credential added" },
  "credential.removed": { category: "ADMIN", label: "Credential removed" },

  // Agents and their access
  "agent.created": { category: "ADMIN", label: "Agent registered" },
  "agent.suspended": { category: "ADMIN", label: "Agent suspended" },
  "agent.identity.changed": { category: "ADMIN", label: "Agent OAuth client or asserts-users changed" },
  "agent.limits.changed": { category: "ADMIN", label: "Agent per-user limit or daily call budget changed" },
  "agent.reinstated": { category: "ADMIN", label: "Agent reinstated" },
  "agent.credential.issued": { category: "ADMIN", label: "Agent credential issued" },
  "agent.credential.revoked": { category: "ADMIN", label: "Agent credential revoked" },
  "grant.created": { category: "ADMIN", label: "Grant created" },
  "grant.narrowed": { category: "ADMIN", label: "Grant narrowed" },
  "grant.resources.changed": { category: "ADMIN", label: "Grant resources and prompts changed" },
  "grant.revoked": { category: "ADMIN", label: "Grant revoked" },
  "grant.suspended": { category: "ADMIN", label: "Grant suspended" },
  "grant.reinstated": { category: "ADMIN", label: "Grant reinstated" },

  // People, tokens, integrations and organisation settings
  "user.created": { category: "ADMIN", label: "User created" },
  "user.updated": { category: "ADMIN", label: "User updated" },
  "user.disabled": { category: "ADMIN", label: "User disabled" },
  "user.enabled": { category: "ADMIN", label: "User enabled" },
  "user.sso_identity_linked": { category: "ADMIN", label: "SSO identity linked" },
  "user.sso_identity_unlinked": { category: "ADMIN", label: "SSO identity unlinked" },
  "user.sso_link_dismissed": { category: "ADMIN", label: "SSO link offer dismissed" },
  "team.created": { category: "ADMIN", label: "Team created" },
  "token.created": { category: "ADMIN", label: "API token created" },
  "token.revoked": { category: "ADMIN", label: "API token revoked" },
  "webhook.created": { category: "ADMIN", label: "Webhook created" },
  "webhook.deleted": { category: "ADMIN", label: "Webhook deleted" },
  "siem_target.created": { category: "ADMIN", label: "SIEM target created" },
  "siem_target.deleted": { category: "ADMIN", label: "SIEM target deleted" },
  "report_schedule.created": { category: "ADMIN", label: "Report schedule created" },
  "report_schedule.deleted": { category: "ADMIN", label: "Report schedule deleted" },
  "report.exported": { category: "ADMIN", label: "Report exported" },
  "org.settings_updated": { category: "ADMIN", label: "Organisation settings updated" },
  "audit.month_sealed": { category: "ADMIN", label: "Audit month sealed and archived" },
  "audit.month_dropped": { category: "ADMIN", label: "Audit month dropped after its seal" },
  "org.paused": { category: "ADMIN", label: "Organisation paused" },
  "org.resumed": { category: "ADMIN", label: "Organisation resumed" },
  "policy.applied": { category: "ADMIN", label: "Policy applied" },
  "policy.held_for_approval": { category: "ADMIN", label: "Policy held for approval" },
  "policy.change_applied": { category: "ADMIN", label: "Approved change applied" },
  "finding.open": { category: "ADMIN", label: "Finding reopened" },
  "finding.acknowledged": { category: "ADMIN", label: "Finding acknowledged" },
  "finding.resolved": { category: "ADMIN", label: "Finding resolved" },

  // Access reviews
  "review.campaign_created": { category: "ADMIN", label: "Review campaign created" },
  "review.campaign_started": { category: "ADMIN", label: "Review campaign started" },
  "review.campaign_cancelled": { category: "ADMIN", label: "Review campaign cancelled" },
  "review.campaign_signed_off": { category: "ADMIN", label: "Review campaign signed off" },
  "review.item_decided": { category: "ADMIN", label: "Review item decided" },
  "review.item_reassigned": { category: "ADMIN", label: "Review item reassigned" },
  "review.defaults_applied": { category: "ADMIN", label: "Review defaults applied" },
  "review.settings_updated": { category: "ADMIN", label: "Review settings updated" },

  // Approvals (one "requested" per ApprovalKind)
  "approval.tool_call_requested": { category: "APPROVAL", label: "Tool call approval requested" },
  "approval.access_grant_requested": { category: "APPROVAL", label: "Access approval requested" },
  "approval.server_activation_requested": { category: "APPROVAL", label: "Server activation requested" },
  "approval.tool_change_requested": { category: "APPROVAL", label: "Tool change approval requested" },
  "approval.policy_change_requested": { category: "APPROVAL", label: "Policy change approval requested" },
  "approval.access_requested": { category: "APPROVAL", label: "Access requested" },
  "approval.vote_approve": { category: "APPROVAL", label: "Voted to approve" },
  "approval.vote_deny": { category: "APPROVAL", label: "Voted to deny" },
  "approval.expired": { category: "APPROVAL", label: "Approval expired" },
  "approval.escalated": { category: "APPROVAL", label: "Approval escalated" },
  "approval.break_glass": { category: "APPROVAL", label: "Approval applied by break-glass" },

  // Decisions: Warden's own (allow, deny, pending) and a gateway's, ingested with its call's outcome
  "decision.allow": { category: "DECISION", label: "Call allowed" },
  "decision.deny": { category: "DECISION", label: "Call denied" },
  "decision.pending": { category: "DECISION", label: "Call held for approval" },
  "decision.success": { category: "DECISION", label: "Gateway decision: succeeded" },
  "decision.error": { category: "DECISION", label: "Gateway decision: error" },

  // Ingested calls are filed under their MCP method; this is the usual one.
  "tools/call": { category: "TOOL_CALL", label: "Tool call" },
  // What a gateway forwards besides tool calls: reads, and a server's requests to the agent (never their text).
  "resources/read": { category: "TOOL_CALL", label: "Resource read" },
  "sampling/createMessage": { category: "TOOL_CALL", label: "Sampling request (server to agent)" },
  "elicitation/create": { category: "TOOL_CALL", label: "Elicitation (server to user)" },
} as const satisfies Record<string, ActionSpec>;

export type CatalogAction = keyof typeof AUDIT_ACTIONS;

declare const wire: unique symbol;
/** An MCP method as a gateway reported it ("tools/list"): ingested calls are filed under it, verbatim. */
export type WireMethod = string & { readonly [wire]: true };
/** Marks a method that came from the wire; only ingest has one. */
export const wireMethod = (method: string) => method as WireMethod;

export type AuditAction = CatalogAction | WireMethod;

const known = (action: string): action is CatalogAction => Object.hasOwn(AUDIT_ACTIONS, action);

/** How an action reads in the console; an MCP method the catalog does not name reads as itself. */
export const actionLabel = (action: string) => (known(action) ? AUDIT_ACTIONS[action].label : action);

/** `Lowercase<T>` at run time, so an action derived from an enum ("finding.resolved") is still typed. */
export const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;
