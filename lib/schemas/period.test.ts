import { describe, expect, it } from "vitest";
import { ReviewCadence } from "@/lib/generated/prisma/enums";
import { PERIOD_EXAMPLE, PERIOD_EXAMPLES, PERIOD_PATTERN, periodOf } from "./period";

describe("calendar periods", () => {
  it("names every month's period, for every cadence, so that the input pattern accepts it", () => {
    for (const cadence of Object.values(ReviewCadence))
      for (let month = 0; month < 12; month++) {
        const { period, start } = periodOf(cadence, new Date(Date.UTC(2026, month, 17, 23, 59)));
        expect(period, `${cadence} ${month}`).toMatch(PERIOD_PATTERN);
        expect(start.getUTCDate()).toBe(1);
        expect(periodOf(cadence, start).period).toBe(period);
      }
  });

  it("shows the same examples the forms and the schema's message always showed", () => {
    expect(PERIOD_EXAMPLES).toBe("2026-Q4, 2026-H2, 2026-12 or 2026");
    expect(PERIOD_EXAMPLE).toEqual({
      QUARTERLY: "2026-Q4",
      SEMI_ANNUAL: "2026-H2",
      MONTHLY: "2026-12",
      YEARLY: "2026",
    });
    expect(PERIOD_PATTERN.test("2026-Q5")).toBe(false);
  });
});
