import { plannedPage } from "@/components/layout/planned-page";

export const metadata = { title: "Reports" };

export default plannedPage("reports.read", "Reports", "Evidence exports for SOC 2, ISO 27001 and SOX.");
