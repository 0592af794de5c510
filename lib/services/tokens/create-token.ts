import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { API_TOKEN_PREFIX, newSecret } from "@/lib/crypto/prefixed-secret";
import { db } from "@/lib/db/client";
import { ZCreateTokenInput, type TCreateTokenInput } from "@/lib/schemas/token";
import { tokenSelect } from "./token-view";

/** Creates an API token. The plaintext is returned once and never stored. */
export async function createToken(actor: Actor, raw: TCreateTokenInput, now = new Date()) {
  assertCan(actor, "tokens.manage");
  const input = parseWith(ZCreateTokenInput, raw, "token");
  const { secret: token, secretHash: tokenHash, prefix } = newSecret(API_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        scopes: input.scopes,
        expiresAt,
        prefix,
        tokenHash,
        createdById: actor.type === "USER" ? actor.id : null,
      },
      select: tokenSelect,
    });
    await recordAdminAudit(tx, actor, "token.created", {
      target: { type: "ApiToken", id: row.id },
      after: { name: row.name, prefix, scopes: row.scopes, expiresAt: row.expiresAt },
    });
    return row;
  });
  return { ...created, token };
}
