import type { UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/**
 * The user behind a session, re-read from the database on every request, so disabling a user or changing
 * roles takes effect at once, and a signed-out session (even a copy of its cookie) is refused. A single
 * sign-on session also ends at its own, shorter lifetime (`ssoUntil`), so the provider's group changes
 * apply at re-sign-in. Null: the session is over, whatever its cookie says.
 */
export async function activeUser(
  id: string | undefined,
  sid: string | undefined,
  ssoUntil: number | undefined,
): Promise<UserActor | null> {
  if (!id) return null;
  if (ssoUntil !== undefined && ssoUntil * 1000 <= Date.now()) return null;
  const [user, revoked] = await Promise.all([
    db().user.findFirst({ where: { id, disabled: false }, select: { id: true, email: true, name: true, roles: true } }),
    sid ? db().revokedSession.findUnique({ where: { sid }, select: { sid: true } }) : null,
  ]);
  return user && !revoked ? { type: "USER", ...user } : null;
}
