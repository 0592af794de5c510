import type { TokenActor } from "@/lib/authz/actor";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/crypto/prefixed-secret";
import { db } from "@/lib/db/client";
import { ShortCache } from "@/lib/db/short-cache";
import type { TokenScope } from "@/lib/generated/prisma/enums";

// Recording every use would turn each gateway call into a write; once a minute is enough to show activity.
const LAST_USED_RESOLUTION_MS = 60_000;

type TokenRow = {
  id: string;
  name: string;
  scopes: TokenScope[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

// Found tokens only, by hash, for FRESH_FOR_MS: a gateway's calls skip the lookup, and a revocation
// applies at once here and within that bound on other instances.
const tokens = new ShortCache<TokenRow | undefined>("api-tokens");

/** The machine behind a bearer token, or null when the token is unknown, expired or revoked. */
export async function authenticateToken(token: string, now = new Date()): Promise<TokenActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashSecret(token);
  const row = await tokens.get(
    tokenHash,
    async () => {
      // Raw SQL on this per-request path: no ORM query planning for a unique-key lookup.
      const [found] = await db().$queryRaw<TokenRow[]>`
      SELECT id::text, name, scopes::text[] AS scopes, "expiresAt", "revokedAt", "lastUsedAt" FROM "ApiToken" WHERE "tokenHash" = ${tokenHash}`;
      return found;
    },
    now.getTime(),
  );
  if (!row || row.revokedAt || new Date(row.expiresAt) <= now) return null;
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) {
    row.lastUsedAt = now;
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: "TOKEN", id: row.id, name: row.name, scopes: row.scopes };
}

/** A token was revoked by this instance: stop honouring any cached lookup. */
export const tokensChanged = () => tokens.invalidate();
