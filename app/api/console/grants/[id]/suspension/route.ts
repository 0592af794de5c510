import { suspensionRoute } from "@/lib/api/suspension-route";

export const POST = suspensionRoute("grant");
