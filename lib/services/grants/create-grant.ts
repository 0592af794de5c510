import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import type { GrantSource } from "@/lib/generated/prisma/enums";
import { grantWidening } from "@/lib/policy/grant-scope";
import { isWildcard, ZCreateGrantInput, type TCreateGrantInput } from "@/lib/schemas/grant";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableServer, lockServer } from "@/lib/services/servers/server-access";

/** Inside a transaction, for callers that already hold one (e.g. an approved just-in-time request). */
export async function insertGrant(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof ZCreateGrantInput.parse>,
  source: GrantSource,
) {
  const server = await loadWritableServer(tx, actor, input.serverId);
  await lockServer(tx, server.id);
  if (!(await tx.agent.findUnique({ where: { id: input.agentId }, select: { id: true } }))) {
    throw new AppError("UNPROCESSABLE", "Unknown agent", { agentId: "Unknown agent" });
  }
  const known = new Set(
    (await tx.tool.findMany({ where: { serverId: server.id }, select: { name: true } })).map((t) => t.name),
  );
  const unknown = input.allowedTools.filter((t) => !t.includes("*") && !known.has(t));
  if (unknown.length)
    throw new AppError("UNPROCESSABLE", `Unknown tools on ${server.slug}: ${unknown.join(", ")}`, {
      allowedTools: `Unknown: ${unknown.join(", ")}`,
    });
  const widening = grantWidening(server, input);
  if (widening)
    throw new AppError(
      "UNPROCESSABLE",
      `A grant cannot ask for more than ${server.slug}'s policy allows: ${Object.values(widening).join("; ")}`,
      widening,
    );
  const grant = await tx.grant.create({
    data: { ...input, source, grantedById: actor.type === "USER" ? actor.id : null, lastReviewedAt: new Date() },
  });
  await registryChanged(tx, server.id);
  await recordAdminAudit(tx, actor, "grant.created", {
    target: { type: "Grant", id: grant.id },
    after: { ...input, source },
    attributes: {
      server: server.slug,
      wildcard: isWildcard(input.allowedTools) || undefined,
      resourceWildcard: isWildcard(input.allowedResources) || undefined,
      promptWildcard: isWildcard(input.allowedPrompts) || undefined,
    },
  });
  return grant;
}

export async function createGrant(actor: Actor, raw: TCreateGrantInput) {
  assertCan(actor, "grants.manage");
  const input = parseWith(ZCreateGrantInput, raw, "grant");
  const grant = await db().$transaction((tx) => insertGrant(tx, actor, input, "STANDING"));
  const warnings = [
    isWildcard(input.allowedTools) && "Wildcard tool grant: it covers tools added later too.",
    isWildcard(input.allowedResources) && "Wildcard resource pattern: it covers resources added later too.",
    isWildcard(input.allowedPrompts) && "Wildcard prompt grant: it covers prompts added later too.",
  ].filter((w): w is string => typeof w === "string");
  return { ...grant, warnings };
}
