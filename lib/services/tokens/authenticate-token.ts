import type { TokenActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { TokenScope } from "@/lib/generated/prisma/enums";
import { hashToken } from "./token-secret";

// Recording every use would turn each gateway call into a write; once a minute is enough to show activity.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The machine behind a bearer token, or null when the token is unknown, expired or revoked. */
export async function authenticateToken(token: string, now = new Date()): Promise<TokenActor | null> {
  if (!token.startsWith("wdn_") || token.length > 200) return null;
  // Raw SQL on this per-request path: no ORM query planning for a primary-key lookup.
  const [row] = await db().$queryRaw<{ id: string; name: string; scopes: TokenScope[]; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null }[]>`
    SELECT id::text, name, scopes::text[] AS scopes, "expiresAt", "revokedAt", "lastUsedAt" FROM "ApiToken" WHERE "tokenHash" = ${hashToken(token)}`;
  if (!row || row.revokedAt || new Date(row.expiresAt) <= now) return null;
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "TOKEN", id: row.id, name: row.name, scopes: row.scopes };
}
