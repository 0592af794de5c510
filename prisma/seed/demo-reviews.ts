import type { UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { periodOf } from "@/lib/schemas/period";
import type { Recommendation } from "@/lib/reviews/recommendations";
import { createCampaign } from "@/lib/services/reviews/create-campaign";
import { decideReviewItem } from "@/lib/services/reviews/decide-review-item";
import { startCampaign } from "@/lib/services/reviews/start-campaign";
import { DEMO_GATEWAY_AGENT } from "./gateway-demo";

const actorFor = async (email: string): Promise<UserActor> => {
  const u = await db().user.findUniqueOrThrow({ where: { email } });
  return { type: "USER", id: u.id, email: u.email, name: u.name, roles: u.roles };
};

type GrantItem = { serverSlug: string; agentClientId: string | null; grantId: string | null };

/**
 * The grant items the seeded review decides: two in three, in an order that never depends on generated
 * ids (server, then agent), so every fresh start decides the same grants; never the gateway demo's.
 */
export function itemsTheSeedDecides<T extends GrantItem>(items: T[], demoGrantIds: Set<string>): T[] {
  const key = (i: GrantItem) => `${i.serverSlug}\u0000${i.agentClientId ?? ""}`;
  return items
    .filter((i) => i.agentClientId !== DEMO_GATEWAY_AGENT && !(i.grantId && demoGrantIds.has(i.grantId)))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((_, n) => n % 3 !== 2);
}

/**
 * The demo's access review: this quarter's campaign over every server, started by the admin after the
 * demo traffic exists (so its recommendations have activity to read), under the default review
 * settings: nobody reviews their own agents or servers. The grants the admin reviews as a server's
 * primary owner are partly decided; the rest (Bea's for the platform team, the ADMIN pool's for the
 * owner's own agents) are left for a visitor to do. The gateway demo's own agent is never decided: it
 * has no calls yet, so the review would revoke the grants the README's gateway demo relies on.
 */
export async function seedDemoReviews(now = new Date()) {
  const admin = await actorFor("admin@warden.local");
  const draft = await createCampaign(admin, {
    period: periodOf("QUARTERLY", now).period,
    scope: {},
    dueAt: new Date(now.getTime() + 21 * 86_400_000),
    defaultAction: "KEEP",
  });
  await startCampaign(admin, draft.id, now);
  const mine = await db().reviewItem.findMany({ where: { campaignId: draft.id, assigneeId: admin.id, kind: "GRANT" } });
  const demoGrants = await db().grant.findMany({
    where: { agent: { clientId: DEMO_GATEWAY_AGENT } },
    select: { id: true },
  });
  for (const item of itemsTheSeedDecides(mine, new Set(demoGrants.map((g) => g.id)))) {
    const unused = (item.recommendations as Recommendation[]).some((r) => r.code === "revoke");
    await decideReviewItem(
      admin,
      item.id,
      unused
        ? { decision: "REVOKE", justification: "No calls in 90 days: the agent no longer needs it" }
        : { decision: "CERTIFY", justification: "In daily use; scope matches the agent's purpose" },
      now,
    );
  }
  return draft.id;
}
