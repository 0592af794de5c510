import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemsTheSeedDecides } from "./demo-reviews";
import { DEMO_GATEWAY_AGENT } from "./gateway-demo";

const items = ["crm", "everything", "filesystem", "github", "memory", "slack"].flatMap((serverSlug) =>
  ["analytics-bot", DEMO_GATEWAY_AGENT, "support-assistant"].map((agentClientId) => ({
    serverSlug,
    agentClientId,
    grantId: `${serverSlug}/${agentClientId}`,
  })),
);
const demoGrantIds = new Set(items.filter((i) => i.agentClientId === DEMO_GATEWAY_AGENT).map((i) => i.grantId));
const names = (list: typeof items) => list.map((i) => i.grantId);

describe("the grants the seeded access review decides", () => {
  it("are the same whatever order the generated ids put the items in, and never the gateway demo's", () => {
    const expected = names(itemsTheSeedDecides(items, demoGrantIds));
    expect(expected.length).toBe(8);
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length }), (shuffled) => {
        const decided = names(itemsTheSeedDecides(shuffled, demoGrantIds));
        expect(decided).toEqual(expected);
        expect(decided.filter((id) => demoGrantIds.has(id))).toEqual([]);
      }),
    );
  });

  it("leaves out a demo grant even when its item names another agent", () => {
    const renamed = items.map((i) => (demoGrantIds.has(i.grantId) ? { ...i, agentClientId: "renamed" } : i));
    expect(names(itemsTheSeedDecides(renamed, demoGrantIds)).filter((id) => demoGrantIds.has(id))).toEqual([]);
  });
});
