import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateTokenInput, type TCreateTokenInput } from "@/lib/schemas/token";
import { newTokenSecret } from "./token-secret";
import { tokenSelect } from "./token-view";

/** Creates an API token. The plaintext is returned once and never stored. */
export async function createToken(actor: Actor, raw: TCreateTokenInput, now = new Date()) {
  assertCan(actor, "tokens.manage");
  const input = parseWith(ZCreateTokenInput, raw, "token");
  const { token, tokenHash, prefix } = newTokenSecret();
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
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "token.created",
      target: { type: "ApiToken", id: row.id },
      after: { name: row.name, prefix, scopes: row.scopes, expiresAt: row.expiresAt },
    });
    return row;
  });
  return { ...created, token };
}
