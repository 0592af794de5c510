import type { TIngestEvent } from "@/lib/schemas/ingest";

/** One call as the gateway records it: an ingest event with a stable id, ready for JSON (the spool makes it storable: lib/ingest/storable-event.ts). */
export type GatewayEvent = Omit<TIngestEvent, "timestamp" | "eventId" | "method"> & {
  eventId: string;
  timestamp: string;
  method: string;
};

const MAX_ARGUMENT_BYTES = 16 * 1024;

/** Arguments as they go into an event: already redacted, and cut when they are very large. */
export function boundedArguments(args: unknown): unknown {
  const text = JSON.stringify(args ?? {});
  return text.length > MAX_ARGUMENT_BYTES ? { $truncated: `${text.length} bytes of arguments` } : args;
}

/** Who an event is about, as every gateway audit event names it: the agent, the user, how the user is known, the session. */
export type CallerFields = Pick<GatewayEvent, "agent" | "onBehalfOf" | "userSource" | "sessionId">;

/** The caller fields of an event, taken alike from any caller (a request's, a principal's, a decision's input). */
export const callerFields = (c: CallerFields): CallerFields => ({
  agent: c.agent,
  onBehalfOf: c.onBehalfOf,
  userSource: c.userSource,
  sessionId: c.sessionId,
});
