import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { POST } from "@/app/api/v1/audit/events/route";

const event = (eventId: string, over: Record<string, unknown> = {}) => ({
  eventId,
  timestamp: "2026-11-01T10:00:00Z",
  server: "crm",
  agent: "bot",
  outcome: "success",
  ...over,
});

/** The four poisons of issue 21, each alone in an event between good ones. */
const nest = (depth: number): unknown => (depth === 0 ? "x" : { a: nest(depth - 1) });
const POISONS: [string, Record<string, unknown>, string][] = [
  ["long-id", { requestId: "i".repeat(201) }, "requestId"],
  ["long-tool", { tool: "t".repeat(200) }, "tool"],
  ["nul", { arguments: { q: "a\u0000b" } }, "arguments.q"],
  ["surrogate", { arguments: { q: "\uD800" } }, "arguments.q"],
  ["deep", { arguments: nest(70) }, "arguments"],
];

describeWithDatabase("POST /api/v1/audit/events", () => {
  async function post(body: unknown, query = "") {
    const { token } = await createToken(systemActor("test"), {
      name: `collector-${Math.random()}`,
      scopes: ["ingest"],
      expiresInDays: 1,
    });
    const res = await POST(
      new Request(`http://localhost/api/v1/audit/events${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("stores the good events of a batch with poisoned ones, names each refused one, and raises a finding", async () => {
    const batch = POISONS.flatMap(([name, over]) => [event(`good-${name}`), event(`bad-${name}`, over)]);
    const { status, body } = await post({ events: batch });
    expect(status).toBe(200);
    expect(body).toMatchObject({ accepted: POISONS.length, duplicates: 0 });
    const rejected = body.rejected as { index: number; eventId?: string; field: string }[];
    expect([...new Set(rejected.map((r) => r.eventId))].sort()).toEqual(POISONS.map(([n]) => `bad-${n}`).sort());
    for (const [name, , field] of POISONS)
      expect(rejected.find((r) => r.eventId === `bad-${name}`)?.field.startsWith(field)).toBe(true);
    const stored = await db().auditEvent.findMany({ where: { eventId: { startsWith: "good-" } } });
    expect(stored).toHaveLength(POISONS.length);
    const finding = await db().finding.findFirstOrThrow({ where: { type: "ingest_rejected" } });
    expect(finding.evidence).toMatchObject({
      events: POISONS.length,
      refusedEventIds: expect.arrayContaining(POISONS.map(([n]) => `bad-${n}`)),
    });
    // The finding names fields and reasons, never the refused values.
    expect(JSON.stringify(finding.evidence)).not.toMatch(/t{100}|i{100}|\\u0000/);
  });

  it("keeps all or nothing for a caller that asks for it, and refuses a body that is not a batch", async () => {
    const atomic = await post([event("atomic-good"), event("atomic-bad", { outcome: "sort of" })], "?atomic=true");
    expect(atomic.status).toBe(400);
    expect(atomic.body.errors).toEqual([expect.objectContaining({ index: 1, field: "outcome" })]);
    expect(await db().auditEvent.count({ where: { eventId: "atomic-good" } })).toBe(0);
    expect((await post({ nothing: true })).status).toBe(400);
    expect((await post([])).status).toBe(400);
    const allBad = await post([event("all-bad", { outcome: "sort of" })]);
    expect(allBad).toMatchObject({ status: 200, body: { accepted: 0, rejected: [{ index: 0, field: "outcome" }] } });
  });
});
