import { describe, expect, it } from "vitest";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { firstUseTitle, streamFindings, type StreamContext } from "./stream-rules";

const context = (): StreamContext => ({
  servers: new Map([
    ["everything", { status: "ACTIVE", dataClassification: null, maxRecordsPerCall: null, openWorldTools: new Set() }],
  ]),
  agents: new Set(["demo-agent"]),
  grantMax: new Map(),
  knownPairs: new Set(),
  knownAgents: new Set(["demo-agent"]),
  business: { timezone: "UTC", startHour: 0, endHour: 24 },
  sessionReads: new Map(),
});

const call = (outcome: string): TIngestEvent =>
  ({
    eventId: `e-${outcome}`,
    timestamp: new Date("2026-12-07T10:00:00Z"),
    server: "everything",
    tool: "get-env",
    agent: "demo-agent",
    method: "tools/call",
    outcome,
  }) as TIngestEvent;

const newTool = (events: TIngestEvent[]) => streamFindings(events, context()).find((f) => f.type === "new_tool");

describe("the first use of a tool by an agent", () => {
  it("says the agent used the tool only when the call went through", () => {
    expect(newTool([call("success")])?.title).toBe("demo-agent used everything/get-env for the first time");
  });

  it("says the agent tried it, and how it ended, when the call was denied or failed", () => {
    expect(newTool([call("deny")])?.title).toBe("demo-agent tried everything/get-env for the first time (denied)");
    expect(firstUseTitle(call("denied"))).toBe("demo-agent tried everything/get-env for the first time (denied)");
    expect(firstUseTitle(call("error"))).toBe("demo-agent tried everything/get-env for the first time (error)");
    expect(newTool([call("deny")])?.evidence).toMatchObject({ outcome: "deny" });
  });
});
