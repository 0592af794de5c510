import { recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import type { AuditAction } from "@/lib/audit/catalog";
import { auditActor, type Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";

/** What an ADMIN record carries beyond its actor, category and action: its target, before, after, … */
type AdminDetail<A extends AuditAction> = Omit<AuditInput<A>, "actor" | "category" | "action">;

/**
 * Appends the ADMIN audit record of a write `actor` makes, inside the write's own transaction (services
 * are the only writers, and audit in the transaction that writes). One call instead of the same record
 * spelled out in every service; what it appends is exactly what each service wrote by hand.
 */
export function recordAdminAudit<A extends AuditAction>(tx: Tx, actor: Actor, action: A, detail: AdminDetail<A>) {
  return recordAudit(tx, { actor: auditActor(actor), category: "ADMIN", action, ...detail });
}
