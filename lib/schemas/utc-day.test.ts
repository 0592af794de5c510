import { describe, expect, it } from "vitest";
import { endOfUtcDay, presetDays, utcDay } from "./utc-day";

describe("UTC days in report forms", () => {
  it("turns an inclusive until day into the exclusive instant that ends it, across month and year ends", () => {
    expect(endOfUtcDay("2026-12-07").toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(endOfUtcDay("2026-02-28").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(endOfUtcDay("2024-02-28").toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(endOfUtcDay("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("accepts only ISO days that exist, never the US format", () => {
    expect(utcDay().safeParse(" 2026-12-07 ").data).toBe("2026-12-07");
    for (const bad of ["12/07/2026", "2026-02-30", "2026-13-01", "2026-12-7", "2026-12-07T00:00:00Z", ""])
      expect(utcDay().safeParse(bad).success, bad).toBe(false);
  });

  it("gives the presets as whole days, both ends inclusive", () => {
    const now = new Date("2026-12-07T23:30:00Z");
    expect(presetDays("7d", now)).toEqual({ from: "2026-12-01", until: "2026-12-07" });
    expect(presetDays("month", now)).toEqual({ from: "2026-11-01", until: "2026-11-30" });
    expect(presetDays("quarter", now)).toEqual({ from: "2026-07-01", until: "2026-09-30" });
    const january = new Date("2027-01-15T00:00:00Z");
    expect(presetDays("month", january)).toEqual({ from: "2026-12-01", until: "2026-12-31" });
    expect(presetDays("quarter", january)).toEqual({ from: "2026-10-01", until: "2026-12-31" });
    expect(presetDays("quarter", new Date("2026-05-31T12:00:00Z"))).toEqual({
      from: "2026-01-01",
      until: "2026-03-31",
    });
  });
});
