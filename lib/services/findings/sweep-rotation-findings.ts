import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rotationDueAt } from "@/lib/registry/credential-flags";

/** How often a Warden instance looks for credentials that went overdue with the calendar alone. */
export const ROTATION_SWEEP_MS = 15 * 60_000;

/**
 * Opens a finding for each static credential past its rotation date, or marks an open one as seen
 * again. Runs for a credential when it is added, and for all on a clock (time alone makes one overdue),
 * never when someone reads the findings list.
 */
export async function sweepRotationFindings(
  client: Tx | PrismaClient = db(),
  now = new Date(),
  only?: { credentialId: string },
): Promise<number> {
  const creds = await client.credentialRef.findMany({
    where: { dynamicSecret: false, id: only?.credentialId },
    include: { server: { select: { slug: true } } },
  });
  const overdue = creds.filter((c) => rotationDueAt(c) < now);
  for (const c of overdue) {
    const days = Math.floor((now.getTime() - rotationDueAt(c).getTime()) / 86_400_000);
    const entityKey = `${c.server.slug}:${c.reference}`;
    await client.finding.upsert({
      where: { type_entityKey: { type: "rotation_overdue", entityKey } },
      create: {
        type: "rotation_overdue",
        severity: days > 30 ? "HIGH" : "MEDIUM",
        entityType: "CredentialRef",
        entityKey,
        title: `Credential of ${c.server.slug} is ${days} days overdue for rotation`,
        firstSeenAt: now,
        lastSeenAt: now,
        evidence: { reference: c.reference, rotationDays: c.rotationDays, dueAt: rotationDueAt(c) },
      },
      update: { lastSeenAt: now },
    });
  }
  return overdue.length;
}
