import { systemActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { AppError } from "@/lib/errors";
import { operationAllowed, operationOf } from "@/lib/policy/arguments";
import { insertGrant } from "@/lib/services/grants/create-grant";

type Access = { tools: string[]; durationHours: number; justification: string };

/**
 * An approved just-in-time request becomes a JIT grant for exactly the tools asked for, with only
 * the operations those tools perform, lapsing by itself at its expiry.
 */
export async function fulfilAccessRequest(tx: Tx, requestId: string, now: Date) {
  const request = await tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
  const access = request.access as Access;
  const tools = await tx.tool.findMany({
    where: { serverId: request.serverId!, name: { in: access.tools } },
    select: { name: true, annotations: true },
  });
  // Never more than the server's policy allows: the request was checked against it, and this keeps it so.
  const server = await tx.mcpServer.findUniqueOrThrow({
    where: { id: request.serverId! },
    select: { allowedOperations: true },
  });
  const operations = [...new Set(tools.map(operationOf))].filter(
    (o) => server.allowedOperations.length === 0 || operationAllowed(o, server.allowedOperations),
  );
  if (operations.length === 0)
    throw new AppError("UNPROCESSABLE", "The server's policy no longer allows any operation of these tools");
  // Issued by Warden on the approvers' decision, not within any one approver's own scope.
  const grant = await insertGrant(
    tx,
    systemActor(`approval:${requestId}`),
    {
      agentId: request.agentId!,
      serverId: request.serverId!,
      allowedTools: access.tools,
      // A just-in-time request asks for tools: its grant covers no resource or prompt.
      allowedResources: [],
      allowedPrompts: [],
      allowedOperations: operations,
      allowedObjects: [],
      deniedFields: [],
      argumentRules: [],
      validFrom: now,
      expiresAt: new Date(now.getTime() + access.durationHours * 3_600_000),
    },
    "JIT",
  );
  await tx.approvalRequest.update({ where: { id: requestId }, data: { grantId: grant.id } });
  return grant;
}
