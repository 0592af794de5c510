import { withRoute } from "@/lib/api/with-route";
import { ZDecisionInput } from "@/lib/schemas/decision";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";

export const POST = withRoute(
  { permission: "decisions.create", auth: "token", body: ZDecisionInput },
  ({ actor, body }) => decideToolCall(actor, body),
);
