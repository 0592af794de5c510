import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = {
  DRAFT: "neutral",
  ACTIVE: "info",
  COMPLETED: "success",
  CANCELLED: "warning",
};

export const CampaignStatus = ({ status }: { status: string }) => <Badge tone={TONE[status]}>{status}</Badge>;
