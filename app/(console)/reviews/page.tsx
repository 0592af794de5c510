import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/authz/permissions";
import { ReviewsView } from "./_components/reviews-view";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const user = await requirePermission("reviews.read");
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Entitlement reviews: each period, owners certify, narrow or revoke every agent grant, credential and server ownership."
      />
      <ReviewsView
        canDecide={can(user, "reviews.decide")}
        canManage={can(user, "reviews.manage")}
        canSignOff={can(user, "reviews.signoff")}
        seesAll={user.roles.includes("ADMIN") || user.roles.includes("AUDITOR")}
      />
    </>
  );
}
