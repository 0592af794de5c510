import { describe, expect, it } from "vitest";
import { argumentsHash } from "@/lib/policy/arguments";
import { ZDecisionInput } from "@/lib/schemas/decision";
import { argumentsUnrepresentable } from "./arguments-round-trip";

const call = (args: unknown) => ({ agent: "a", server: "s", tool: "t", arguments: args });

describe("arguments are hashed, decided on and forwarded as one value", () => {
  it("keeps an own __proto__ key through Warden's schema, so it is part of the hash", () => {
    const smuggled = JSON.parse(`{"path":"x","__proto__":{"mode":"0777"}}`);
    const kept = ZDecisionInput.parse(call(smuggled)).arguments;
    expect(Object.keys(kept)).toEqual(["path", "__proto__"]);
    expect(argumentsHash(kept)).not.toBe(argumentsHash({ path: "x" }));
    expect(argumentsUnrepresentable(smuggled)).toBeNull();
  });

  it("refuses what Warden's schema cannot take as sent", () => {
    expect(argumentsUnrepresentable({ path: "x", n: [1, { a: null }] })).toBeNull();
    expect(argumentsUnrepresentable({ ["k".repeat(201)]: 1 })).toMatch(/at most 200 characters/);
    expect(argumentsUnrepresentable({ "a\u0000b": 1 })).toMatch(/NUL/);
    expect(argumentsUnrepresentable({ v: "\ud800" })).toMatch(/lone surrogate/);
    let deep: unknown = "bottom";
    for (let i = 0; i < 70; i++) deep = { d: deep };
    expect(argumentsUnrepresentable(deep as Record<string, unknown>)).toMatch(/Nested more than 64/);
  });
});
