import { db } from "@/lib/db/client";

/** The Warden user linked to a single sign-on identity, found by its (issuer, subject) pair only. */
export async function findSsoUserId(issuer: string, subject: string): Promise<string | null> {
  const identity = await db().ssoIdentity.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { userId: true },
  });
  return identity?.userId ?? null;
}
