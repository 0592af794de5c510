import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { getReviewSettings } from "@/lib/services/reviews/get-review-settings";
import { ReviewSettingsForm } from "./_components/review-settings-form";

export const metadata: Metadata = { title: "Review schedule" };

export default async function ReviewSettingsPage() {
  const user = await requirePermission("reviews.manage");
  return <ReviewSettingsForm initial={await getReviewSettings(user)} />;
}
