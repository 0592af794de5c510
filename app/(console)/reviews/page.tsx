import { plannedPage } from "@/components/layout/planned-page";

export const metadata = { title: "Reviews" };

export default plannedPage("reviews.read", "Reviews", "Quarterly entitlement reviews: certify or revoke each grant.");
