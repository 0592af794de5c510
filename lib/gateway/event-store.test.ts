import { describe, expect, it } from "vitest";
import { SessionEventStore } from "./event-store";

const msg = (id: number) => ({ jsonrpc: "2.0" as const, method: "notifications/message", params: { n: id } });

describe("SessionEventStore", () => {
  it("replays only the events after Last-Event-ID, on the stream that was cut", async () => {
    const store = new SessionEventStore();
    const a1 = await store.storeEvent("a", msg(1));
    await store.storeEvent("b", msg(2));
    await store.storeEvent("a", msg(3));
    const sent: unknown[] = [];
    const stream = await store.replayEventsAfter(a1, { send: async (_id, m) => void sent.push(m) });
    expect(stream).toBe("a");
    expect(sent).toEqual([msg(3)]);
    expect(await store.getStreamIdForEventId(a1)).toBe("a");
  });

  it("keeps a bounded number of events: an id it no longer holds replays nothing", async () => {
    const store = new SessionEventStore(2);
    const first = await store.storeEvent("a", msg(1));
    await store.storeEvent("a", msg(2));
    await store.storeEvent("a", msg(3));
    const sent: unknown[] = [];
    expect(await store.replayEventsAfter(first, { send: async (_id, m) => void sent.push(m) })).toBe("");
    expect(sent).toEqual([]);
  });
});
