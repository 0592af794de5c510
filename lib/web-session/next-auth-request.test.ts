import { describe, expect, it } from "vitest";
import { nextAuthInputProblem } from "./next-auth-request";

const at = (path: string, init: RequestInit = {}) => new Request(`http://127.0.0.1:3000/api/auth/${path}`, init);

describe("nextAuthInputProblem", () => {
  it("lets next-auth's own requests through", () => {
    expect(nextAuthInputProblem(at("session"), ["session"])).toBeNull();
    expect(nextAuthInputProblem(at("signin?callbackUrl=%2Fservers"), ["signin"])).toBeNull();
    expect(nextAuthInputProblem(at("signin?callbackUrl=http%3A%2F%2F127.0.0.1%3A3000%2F"), ["signin"])).toBeNull();
    const cookie = { headers: { cookie: "next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3000; other=x" } };
    expect(nextAuthInputProblem(at("csrf", cookie), ["csrf"])).toBeNull();
    expect(
      nextAuthInputProblem(at("callback/credentials", { method: "POST" }), ["callback", "credentials"]),
    ).toBeNull();
  });

  it("refuses what next-auth would answer with a 500", () => {
    expect(nextAuthInputProblem(at("callback/credentials"), ["callback", "credentials"])?.error.status).toBe(405);
    expect(nextAuthInputProblem(at("x?callbackUrl=PROD"), ["x"])?.error.status).toBe(400);
    expect(nextAuthInputProblem(at("session?callbackUrl=javascript%3Aalert(1)"), ["session"])?.error.status).toBe(400);
    const bad = nextAuthInputProblem(at("session", { headers: { cookie: "__Secure-next-auth.callback-url=PROD" } }), [
      "session",
    ]);
    expect(bad?.error.status).toBe(400);
    expect(bad?.clearCookie).toMatch(/^__Secure-next-auth\.callback-url=; Path=\/; Max-Age=0;.*Secure$/);
    expect(
      nextAuthInputProblem(at("session", { headers: { cookie: "next-auth.callback-url=%E0%A4%A" } }), ["session"])
        ?.clearCookie,
    ).toMatch(/^next-auth\.callback-url=;/);
  });
});
