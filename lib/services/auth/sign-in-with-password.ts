import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TSignInInput } from "@/lib/schemas/auth";
import type { Outcome } from "@/lib/schemas/outcome";
import { recordFailure, recordSuccess, retryAfter, throttleKeys } from "./internal/sign-in-throttle";

/** The one answer for an unknown email, a wrong password and a throttled attempt: it reveals nothing. */
export const INVALID_SIGN_IN = "Invalid email or password";

/**
 * Where an attempt comes from: the client's address (lib/http/client-address.ts: "unknown" when the server
 * cannot tell, which puts every such attempt in one bucket), and the device id of a verified device
 * cookie for this email.
 */
export type SignInClient = { address: string; device: string | null };

/**
 * Checks a password with backoff per (address, account), per address, per trusted device, and a bounded
 * slow-down per account (429 with Retry-After while a key waits): never a lockout, so a stranger's
 * guesses keep only the stranger out. Every path costs one password hash and one audit record, so
 * unknown, wrong and throttled attempts look alike in message and timing. The password is never stored.
 */
export async function signInWithPassword(input: TSignInInput, now: Date, client: SignInClient) {
  const keys = throttleKeys(input.email, client);
  const { seconds: wait, by } = await retryAfter(keys, now);
  const user = await db().user.findUnique({ where: { email: input.email } });
  const usable = user && user.passwordHash && !user.disabled ? user : null;
  // Always one hash: the user's when it may be tried, a decoy otherwise.
  const ok = await verifyPassword(input.password, wait === 0 && usable ? usable.passwordHash! : await decoyHash());
  const audit = (outcome: Outcome, attributes?: Record<string, unknown>) =>
    db().$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "USER", id: user?.id ?? null, label: input.email },
        category: "AUTH",
        action: "auth.sign_in",
        outcome,
        attributes: { ...attributes, client: client.address, trustedDevice: client.device !== null },
        target: user ? { type: "User", id: user.id } : undefined,
      }),
    );

  if (wait > 0) {
    await audit("failure", { reason: "throttled", retryAfterSeconds: wait, throttledBy: by });
    throw new AppError("TOO_MANY_REQUESTS", INVALID_SIGN_IN, undefined, undefined, wait);
  }
  if (usable && ok) {
    await recordSuccess(keys);
    await db().user.update({ where: { id: usable.id }, data: { lastLoginAt: now } });
    await audit("success");
    return usable;
  }
  await recordFailure(keys, now);
  await audit("failure", { reason: !user ? "unknown_user" : user.disabled ? "disabled" : "bad_password" });
  throw new AppError("UNAUTHORIZED", INVALID_SIGN_IN);
}
