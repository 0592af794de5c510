import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

/**
 * The break-glass admin signed in with a password while password sign-in is off. That is loud on
 * purpose: an audit record of its own, an error line in the server log, and a notification to every
 * other active ADMIN, so a use nobody expected is noticed the same day.
 */
export async function recordBreakGlassSignIn(user: { id: string; email: string }, now = new Date()) {
  console.error(
    `[warden] BREAK-GLASS sign-in: ${user.email} signed in with a password while WARDEN_PASSWORD_LOGIN=off (${now.toISOString()})`,
  );
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { type: "USER", id: user.id, label: user.email },
      category: "AUTH",
      action: "auth.break_glass_sign_in",
      target: { type: "User", id: user.id },
      attributes: { reason: "password sign-in while WARDEN_PASSWORD_LOGIN=off" },
      occurredAt: now,
    });
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "User" WHERE NOT disabled AND 'ADMIN' = ANY(roles) AND id <> ${user.id}::uuid`;
    if (admins.length === 0) return;
    await tx.notification.createMany({
      data: admins.map((a) => ({
        userId: a.id,
        title: `Break-glass sign-in by ${user.email}`,
        body: `Password sign-in is off; the break-glass account was used at ${now.toISOString()}.`,
        link: "/audit",
      })),
    });
  });
}
