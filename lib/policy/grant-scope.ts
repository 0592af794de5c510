import type { Operation } from "@/lib/schemas/grant";
import { operationAllowed } from "./arguments";

type ServerPolicy = { allowedObjects: string[]; allowedOperations: string[]; maxRecordsPerCall: number | null };
type GrantAsk = { allowedObjects: string[]; allowedOperations: string[]; maxRecords?: number | null };

/**
 * Where a grant asks for more than its server's policy allows, field by field (empty lists on the
 * server mean "not limited"). A grant is always narrowed by its server: such a grant is refused.
 */
export function grantWidening(server: ServerPolicy, grant: GrantAsk): Record<string, string> | null {
  const problems: Record<string, string> = {};
  if (server.allowedOperations.length) {
    const extra = grant.allowedOperations.filter((o) => !operationAllowed(o as Operation, server.allowedOperations));
    if (extra.length)
      problems.allowedOperations = `The server's policy does not allow ${extra.join(", ")} (it allows ${server.allowedOperations.join(", ")})`;
  }
  if (server.allowedObjects.length) {
    const extra = grant.allowedObjects.filter((o) => !server.allowedObjects.includes(o));
    if (extra.length)
      problems.allowedObjects = `The server's policy does not allow ${extra.join(", ")} (it allows ${server.allowedObjects.join(", ")})`;
  }
  if (server.maxRecordsPerCall !== null && grant.maxRecords && grant.maxRecords > server.maxRecordsPerCall)
    problems.maxRecords = `The server's policy allows at most ${server.maxRecordsPerCall} records a call`;
  return Object.keys(problems).length ? problems : null;
}
