import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { policyToYaml } from "@/lib/policy/policy-yaml";
import { policyOf } from "@/lib/policy/server-policy";

export async function exportPolicy(actor: Actor, slug: string) {
  assertCan(actor, "servers.read");
  const server = await db().mcpServer.findUnique({
    where: { slug },
    include: { credentials: { orderBy: { createdAt: "asc" }, take: 1 } },
  });
  if (!server) throw new AppError("NOT_FOUND", "Server not found");
  return { yaml: policyToYaml(policyOf(server, server.credentials[0])), policyVersion: server.policyVersion };
}
