import { AppError } from "@/lib/errors";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TSignInInput } from "@/lib/schemas/auth";

/**
 * With WARDEN_PASSWORD_LOGIN=off, only the break-glass admin (WARDEN_BREAK_GLASS_EMAIL) may go on to the
 * password check. Anyone else is refused and audited, with the same answer and cost as a wrong password,
 * so the refusal does not tell a guesser which address is the break-glass one.
 * Returns whether this attempt is a break-glass one.
 */
export async function guardPasswordSignIn(input: TSignInInput): Promise<{ breakGlass: boolean }> {
  const e = env();
  if (e.WARDEN_PASSWORD_LOGIN === "on") return { breakGlass: false };
  if (input.email === e.WARDEN_BREAK_GLASS_EMAIL) return { breakGlass: true };
  await verifyPassword(input.password, await decoyHash());
  const user = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor: { type: "USER", id: user?.id ?? null, label: input.email },
      category: "AUTH",
      action: "auth.sign_in",
      outcome: "failure",
      target: user ? { type: "User", id: user.id } : undefined,
      attributes: { reason: "password_login_off" },
    }),
  );
  throw new AppError("UNAUTHORIZED", "Invalid email or password");
}
