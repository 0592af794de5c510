import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { Prefetched } from "@/lib/queries/prefetched";
import { reviewKeys } from "@/lib/queries/reviews";
import { listCampaigns } from "@/lib/services/reviews/list-campaigns";
import { listReviewItems } from "@/lib/services/reviews/list-review-items";
import { ReviewsView } from "./_components/reviews-view";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("reviews.read");
  const canDecide = can(user, "reviews.decide");
  const { campaign } = await searchParams;
  const campaigns = await listCampaigns(user);
  const open = typeof campaign === "string" ? campaigns.find((c) => c.id === campaign) : undefined;
  return (
    <>
      <PageHeader
        breadcrumbs={open ? [{ label: "Reviews", href: "/reviews" }, { label: `Campaign ${open.period}` }] : undefined}
        title="Reviews"
        description="Entitlement reviews: each period, owners certify, narrow or revoke every agent grant, credential and server ownership."
      />
      <Prefetched
        queries={[
          { queryKey: reviewKeys.campaigns(), load: async () => campaigns },
          ...(canDecide ? [{ queryKey: reviewKeys.items({ assignee: "me" }), load: () => listReviewItems(user) }] : []),
        ]}
      >
        <ReviewsView
          canDecide={canDecide}
          canManage={can(user, "reviews.manage")}
          canSignOff={can(user, "reviews.signoff")}
          canExport={can(user, "reports.read")}
          seesAll={can(user, "reviews.viewAll")}
        />
      </Prefetched>
    </>
  );
}
