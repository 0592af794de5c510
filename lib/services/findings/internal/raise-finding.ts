import type { Tx } from "@/lib/db/tx";
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import type { RiskLevel } from "@/lib/generated/prisma/enums";

export type FindingInput = {
  type: string;
  severity: RiskLevel;
  entityType: string;
  entityKey: string;
  title: string;
  evidence?: Record<string, unknown>;
};

/** Opens a finding, or counts one more sighting of an open one: findings never duplicate. */
export async function raiseFinding(client: Tx | PrismaClient, f: FindingInput, now = new Date()) {
  const evidence = f.evidence as Prisma.InputJsonValue | undefined;
  return client.finding.upsert({
    where: { type_entityKey: { type: f.type, entityKey: f.entityKey } },
    create: { ...f, evidence, firstSeenAt: now, lastSeenAt: now },
    update: { count: { increment: 1 }, lastSeenAt: now, evidence, status: undefined },
  });
}
