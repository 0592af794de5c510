import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { rotationDueAt } from "@/lib/registry/credential-flags";

/** Registry-derived findings (rotation overdue) are refreshed whenever the list is read. */
async function syncRegistryFindings(now: Date) {
  const creds = await db().credentialRef.findMany({ where: { dynamicSecret: false }, include: { server: { select: { slug: true } } } });
  for (const c of creds.filter((c) => rotationDueAt(c) < now)) {
    const days = Math.floor((now.getTime() - rotationDueAt(c).getTime()) / 86_400_000);
    await db().finding.upsert({
      where: { type_entityKey: { type: "rotation_overdue", entityKey: `${c.server.slug}:${c.reference}` } },
      create: { type: "rotation_overdue", severity: days > 30 ? "HIGH" : "MEDIUM", entityType: "CredentialRef", entityKey: `${c.server.slug}:${c.reference}`, title: `Credential of ${c.server.slug} is ${days} days overdue for rotation`, evidence: { reference: c.reference, rotationDays: c.rotationDays, dueAt: rotationDueAt(c) } },
      update: { lastSeenAt: now },
    });
  }
}

export async function listFindings(actor: Actor, now = new Date()) {
  assertCan(actor, "findings.read");
  await syncRegistryFindings(now);
  return db().finding.findMany({ orderBy: [{ status: "asc" }, { lastSeenAt: "desc" }], take: 500 });
}

export type FindingView = Awaited<ReturnType<typeof listFindings>>[number];

