import { withRoute } from "@/lib/api/with-route";
import { ZDecisionInput } from "@/lib/schemas/decision";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";

export const POST = withRoute(
  {
    permission: "decisions.create",
    auth: "token",
    body: ZDecisionInput,
    // A tool call to decide on, not a registry object: its arguments may carry the caller's secrets,
    // which the audit redaction module masks before anything is stored. Refusing it would not decide it.
    secretsAllowed: { all: "a tool call, masked by the audit redaction module before it is stored" },
  },
  ({ actor, body }) => decideToolCall(actor, body),
);
