import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import type { AuditAction } from "@/lib/audit/catalog";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/permissions";
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

/** The two calls a delete makes on a table: the model's Prisma delegate fits this. */
type Deletable<R> = {
  findUnique(args: { where: { id: string } }): PromiseLike<R | null>;
  delete(args: { where: { id: string } }): PromiseLike<unknown>;
};

/** Where a delete looks, what it says when the row is not there, and the ADMIN record of the row as it was. */
type DeleteSpec<R, A extends AuditAction> = {
  table: (tx: Tx) => Deletable<R>;
  missing: string;
  record: (row: R) => { action: A } & AdminDetail<A>;
};

/**
 * Checks `permission`, then deletes one row by id and appends its ADMIN record in one transaction:
 * NOT_FOUND saying `missing` when there is no such row.
 */
export async function deleteAudited<R, A extends AuditAction>(
  actor: Actor,
  permission: Action,
  id: string,
  { table, missing, record }: DeleteSpec<R, A>,
) {
  assertCan(actor, permission);
  return db().$transaction(async (tx) => {
    const row = await table(tx).findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", missing);
    await table(tx).delete({ where: { id } });
    const { action, ...detail } = record(row);
    await recordAdminAudit(tx, actor, action, detail);
    return { ok: true };
  });
}
