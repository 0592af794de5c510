import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { tokenSelect } from "./token-view";

export async function listTokens(actor: Actor) {
  assertCan(actor, "tokens.manage");
  return db().apiToken.findMany({ select: tokenSelect, orderBy: { createdAt: "desc" } });
}
