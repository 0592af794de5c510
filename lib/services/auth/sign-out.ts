import type { JWT } from "next-auth/jwt";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

/**
 * Ends one session for good: its id is refused from now until the cookie would have expired, so a
 * copy of the cookie (a stolen one) is worthless after sign-out. Audited. Expired entries are pruned.
 */
export async function signOut(token: JWT, now = new Date()) {
  const { sid, sub: userId } = token;
  if (!sid || !userId) return;
  const expiresAt =
    typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(now.getTime() + 7 * 86_400_000);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { type: "USER", id: userId, label: token.email ?? userId },
      category: "AUTH",
      action: "auth.sign_out",
    });
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.revokedSession.upsert({ where: { sid }, create: { sid, userId, expiresAt }, update: {} });
  });
}
