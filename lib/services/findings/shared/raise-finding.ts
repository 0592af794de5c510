import type { Tx } from "@/lib/db/tx";
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import type { FindingInput } from "@/lib/findings/finding-input";

/** Opens a finding, or counts one more sighting of an open one: findings never duplicate. */
export async function raiseFinding(client: Tx | PrismaClient, f: FindingInput, now = new Date()) {
  const { seenAt = now, ...fields } = f;
  const evidence = fields.evidence as Prisma.InputJsonValue | undefined;
  const finding = await client.finding.upsert({
    where: { type_entityKey: { type: f.type, entityKey: f.entityKey } },
    create: { ...fields, evidence, firstSeenAt: seenAt, lastSeenAt: seenAt },
    update: { count: { increment: 1 }, evidence, status: undefined },
  });
  // "Last seen" moves only forward: a late batch of older events never makes a finding look older.
  if (finding.lastSeenAt < seenAt)
    await client.finding.update({ where: { id: finding.id }, data: { lastSeenAt: seenAt } });
  return finding;
}
