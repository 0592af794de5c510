import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath } from "./callback-url";

describe("signInPath", () => {
  it("comes back to exactly the page asked for, query included", () => {
    const back = "/approvals?request=6f1c1d7e-3b5a-4d7e-9a51-0c4e2b7a9f10";
    expect(signInPath(back)).toBe(`/login?callbackUrl=${encodeURIComponent(back)}`);
    expect(new URLSearchParams(signInPath(back).split("?")[1]).get("callbackUrl")).toBe(back);
  });

  it("needs no parameter for the start page, or when nothing was asked for", () => {
    expect(signInPath("/")).toBe("/login");
    expect(signInPath(null)).toBe("/login");
  });

  it("never carries another site: an open redirect falls back to the start page", () => {
    for (const evil of [
      "//evil.example/x",
      "/\\evil.example",
      "/%5Cevil.example",
      "https://evil.example/",
      "javascript:alert(1)",
    ])
      expect(signInPath(evil)).toBe("/login");
  });
});

describe("safeCallbackPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/servers/crm?tab=Activity#x")).toBe("/servers/crm?tab=Activity#x");
    expect(safeCallbackPath("http://127.0.0.1:3000/audit?q=1", "http://127.0.0.1:3000")).toBe("/audit?q=1");
    expect(safeCallbackPath("http://evil.example/audit", "http://127.0.0.1:3000")).toBe("/");
  });
});
