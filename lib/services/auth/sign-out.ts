import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

/**
 * Ends one session for good: its id is refused from now until the cookie would have expired, so a
 * copy of the cookie (a stolen one) is worthless after sign-out. Audited. Expired entries are pruned.
 */
export async function signOut(session: { sid?: unknown; sub?: string | null; exp?: unknown; email?: string | null }, now = new Date()) {
  if (typeof session.sid !== "string" || !session.sub) return;
  const expiresAt = typeof session.exp === "number" ? new Date(session.exp * 1000) : new Date(now.getTime() + 7 * 86_400_000);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { actor: { type: "USER", id: session.sub!, label: session.email ?? session.sub! }, category: "AUTH", action: "auth.sign_out" });
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.revokedSession.upsert({ where: { sid: session.sid as string }, create: { sid: session.sid as string, userId: session.sub!, expiresAt }, update: {} });
  });
}
