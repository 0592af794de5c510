import type { EventId, EventStore, StreamId } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** How many recent SSE events one agent session keeps for a resuming client. */
export const SESSION_EVENTS_KEPT = 256;

/**
 * The SSE events of one agent session, so a client whose stream dropped resumes with `Last-Event-ID`
 * (MCP 2025-11-25, Transports › Streamable HTTP › Resumability and Redelivery: event ids unique per
 * session, replay only the stream that was cut). Bounded: the oldest events go first, and a client that
 * asks after an event no longer kept gets nothing replayed.
 */
export class SessionEventStore implements EventStore {
  private events: { id: EventId; stream: StreamId; message: JSONRPCMessage }[] = [];
  private next = 0;

  constructor(private readonly kept = SESSION_EVENTS_KEPT) {}

  async storeEvent(stream: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const id = `${stream}_${(this.next++).toString(36)}`;
    this.events.push({ id, stream, message });
    if (this.events.length > this.kept) this.events.splice(0, this.events.length - this.kept);
    return id;
  }

  async getStreamIdForEventId(id: EventId): Promise<StreamId | undefined> {
    return this.events.find((e) => e.id === id)?.stream;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (id: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const at = this.events.findIndex((e) => e.id === lastEventId);
    if (at < 0) return "";
    const stream = this.events[at].stream;
    for (const e of this.events.slice(at + 1)) if (e.stream === stream) await send(e.id, e.message);
    return stream;
  }
}
