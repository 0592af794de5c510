import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Locks an approval request's row for the rest of the transaction, then loads it: concurrent votes and
 * break-glass on one request serialise, so none decides a request another has just decided.
 */
export async function lockRequest<I extends Prisma.ApprovalRequestInclude>(tx: Tx, id: string, include: I) {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "ApprovalRequest" WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", "Approval request not found");
  return tx.approvalRequest.findUniqueOrThrow({ where: { id }, include });
}
