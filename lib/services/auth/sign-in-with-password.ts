import { AppError } from "@/lib/errors";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { TSignInInput } from "@/lib/schemas/auth";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

const INVALID = "Invalid email or password";

export function lockedMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Account locked after ${MAX_FAILED_SIGN_INS} failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Checks a password, counting failures: the fifth failure in a row locks the account for
 * 15 minutes. Every attempt is written to the audit chain; the password never is.
 */
export async function signInWithPassword(input: TSignInInput, now = new Date()) {
  const user = await db().user.findUnique({ where: { email: input.email } });
  const actor = { type: "USER" as const, id: user?.id ?? null, label: input.email };
  const audit = (action: string, outcome: string, attributes?: Record<string, unknown>) =>
    db().$transaction((tx) =>
      recordAudit(tx, {
        actor,
        category: "AUTH",
        action,
        outcome,
        attributes,
        target: user ? { type: "User", id: user.id } : undefined,
      }),
    );

  if (!user || !user.passwordHash || user.disabled) {
    await verifyPassword(input.password, await decoyHash());
    await audit("auth.sign_in", "failure", { reason: user?.disabled ? "disabled" : "unknown_user" });
    throw new AppError("UNAUTHORIZED", INVALID);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit("auth.sign_in", "failure", { reason: "locked" });
    throw new AppError("LOCKED", lockedMessage(user.lockedUntil, now));
  }
  if (await verifyPassword(input.password, user.passwordHash)) {
    await db().user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    await audit("auth.sign_in", "success");
    return user;
  }
  // An expired lock starts a fresh count; the increment is atomic so parallel guesses all count.
  const expiredLock = user.lockedUntil !== null;
  const updated = await db().user.update({
    where: { id: user.id },
    data: expiredLock ? { failedLoginCount: 1, lockedUntil: null } : { failedLoginCount: { increment: 1 } },
  });
  if (updated.failedLoginCount >= MAX_FAILED_SIGN_INS) {
    const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    await db().user.update({ where: { id: user.id }, data: { lockedUntil: until, failedLoginCount: 0 } });
    await audit("auth.account_locked", "failure", { failures: updated.failedLoginCount, until: until.toISOString() });
    throw new AppError("LOCKED", lockedMessage(until, now));
  }
  await audit("auth.sign_in", "failure", { reason: "bad_password", failures: updated.failedLoginCount });
  throw new AppError("UNAUTHORIZED", INVALID);
}
