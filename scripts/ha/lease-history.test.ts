import { describe, expect, it } from "vitest";
import { leaseHistoryFaults, type LeaseAcquisition } from "./lease-history";

const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, s));
const row = (holder: string, s: number, previousHolder: string | null, expired: number | null): LeaseAcquisition => ({
  name: "siem:t",
  holder,
  acquiredAt: at(s),
  previousHolder,
  previousExpiresAt: expired === null ? null : at(expired),
});

describe("lease history", () => {
  it("accepts takeovers after expiry, each from the holder before it", () => {
    expect(leaseHistoryFaults([row("a", 0, null, null), row("b", 20, "a", 15), row("a", 40, "b", 40)])).toEqual([]);
  });

  it("reports a takeover before the previous lease expired, and a holder missing from the history", () => {
    const faults = leaseHistoryFaults([row("a", 0, null, null), row("b", 10, "a", 15), row("c", 40, "a", 30)]);
    expect(faults).toHaveLength(2);
    expect(faults[0]).toMatch(/before a's lease expired/);
    expect(faults[1]).toMatch(/but b held it/);
  });
});
