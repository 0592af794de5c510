import { describe, expect, it } from "vitest";
import { callWhy } from "./call-data";

describe("callWhy", () => {
  it("reads Warden's own decision: rule and reasons at the top level", () => {
    expect(callWhy({ rule: "no_grant", reasons: ["no_grant: no active grant covers crm/update_record"] })).toEqual({
      rule: "no_grant",
      reasons: ["no_grant: no active grant covers crm/update_record"],
    });
  });

  it("reads a gateway's denial, whose rule and reasons arrive in the event's own attributes", () => {
    const stored = {
      errorType: "path_not_allowed",
      extra: { gatewayId: "gw-1", rule: "path_not_allowed", reasons: ["/etc/passwd is outside /srv/public"] },
    };
    expect(callWhy(stored)).toEqual({ rule: "path_not_allowed", reasons: ["/etc/passwd is outside /srv/public"] });
  });

  it("falls back to the error type a refused call reported, and to nothing for a plain success", () => {
    expect(callWhy({ errorType: "rate_limited" })).toEqual({ rule: "rate_limited", reasons: [] });
    expect(callWhy({ latencyMs: 12 })).toEqual({ rule: null, reasons: [] });
    expect(callWhy(null)).toEqual({ rule: null, reasons: [] });
  });
});
