import { otlpRoute } from "@/lib/api/otlp-route";

export const POST = otlpRoute("traces");
