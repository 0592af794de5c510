/**
 * The closed list of audit categories, with how the console names them. The database stores the key as
 * text (AuditEvent.category), so this list, not a Prisma enum, is what every writer and filter types against.
 */
export const AUDIT_CATEGORY_LABELS = {
  AUTH: "AUTH",
  ADMIN: "ADMIN",
  TOOL_CALL: "TOOL CALL",
  DECISION: "DECISION",
  APPROVAL: "APPROVAL",
} as const;

export type AuditCategory = keyof typeof AUDIT_CATEGORY_LABELS;
export const AUDIT_CATEGORIES = Object.keys(AUDIT_CATEGORY_LABELS) as AuditCategory[];
