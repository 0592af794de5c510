import { encode } from "next-auth/jwt";
import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { authOptions } from "./options";
import { actorFromRequest } from "./session";

const request = async (token: Record<string, unknown>) => {
  const jwt = await encode({ token, secret: authOptions().secret! });
  return new Request("http://test/api", { headers: { cookie: `next-auth.session-token=${jwt}` } });
};

describeWithDatabase("session lifetime", () => {
  it("ends a single sign-on session at its own lifetime, while the cookie itself is still valid", async () => {
    const user = await seedUser();
    const now = Math.floor(Date.now() / 1000);
    expect(await actorFromRequest(await request({ sub: user.id, ssoUntil: now + 60 }))).toMatchObject({ id: user.id });
    expect(await actorFromRequest(await request({ sub: user.id, ssoUntil: now - 1 }))).toBeNull();
    // A password session has no SSO lifetime: only the cookie's own expiry applies.
    expect(await actorFromRequest(await request({ sub: user.id }))).toMatchObject({ id: user.id });
  });
});
