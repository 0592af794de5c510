import http from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signOut } from "@/lib/services/auth/sign-out";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { readCookie } from "@/lib/auth/device-cookie";
import { authOptions } from "./options";
import { actorFromRequest } from "./actor-from-request";

const COOKIE = "next-auth.session-token";
const cookieOf = (token: JWT) => encode({ token, secret: authOptions().secret! });
const request = async (token: JWT) =>
  new Request("http://test/api", { headers: { cookie: `${COOKIE}=${await cookieOf(token)}` } });

// next-auth's own session endpoint (`GET /api/auth/session`) with Warden's options, served over real HTTP
// by next-auth's Node handler (the App Router one needs a Next.js request context to run in).
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const api = Object.assign(req, {
      query: { nextauth: ["session"] },
      cookies: Object.fromEntries([[COOKIE, readCookie(req.headers.cookie, COOKIE) ?? ""]]),
    });
    const reply = Object.assign(res, {
      status: (code: number) => ((res.statusCode = code), reply),
      send: (body: unknown) => res.end(JSON.stringify(body)),
      json: (body: unknown) => res.end(JSON.stringify(body)),
    });
    (NextAuth as unknown as (q: unknown, r: unknown, o: unknown) => Promise<void>)(api, reply, authOptions());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function sessionEndpoint(token: JWT) {
  const res = await fetch(`${base}/api/auth/session`, { headers: { cookie: `${COOKIE}=${await cookieOf(token)}` } });
  const sessionCookies = res.headers.getSetCookie().filter((c) => c.startsWith(`${COOKIE}=`));
  return {
    body: await res.json(),
    reissued: sessionCookies.some((c) => !c.startsWith(`${COOKIE}=;`)),
    cleared: sessionCookies.some((c) => c.startsWith(`${COOKIE}=;`) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)),
  };
}

describeWithDatabase("session lifetime", () => {
  it("ends a single sign-on session at its own lifetime, while the cookie itself is still valid", async () => {
    const user = await seedUser();
    const now = Math.floor(Date.now() / 1000);
    expect(await actorFromRequest(await request({ sub: user.id, ssoUntil: now + 60 }))).toMatchObject({ id: user.id });
    expect(await actorFromRequest(await request({ sub: user.id, ssoUntil: now - 1 }))).toBeNull();
    // A password session has no SSO lifetime: only the cookie's own expiry applies.
    expect(await actorFromRequest(await request({ sub: user.id }))).toMatchObject({ id: user.id });
  });

  it("answers the session endpoint as signed out after sign-out, and clears the cookie instead of re-issuing it", async () => {
    const user = await seedUser();
    const token: JWT = { sub: user.id, sid: crypto.randomUUID(), email: user.email };
    const live = await sessionEndpoint(token);
    expect(live.body).toMatchObject({ user: { id: user.id }, sid: token.sid });
    expect(live.reissued).toBe(true);

    await signOut(token);
    const after = await sessionEndpoint(token);
    expect(after.body).toEqual({});
    expect(after.reissued).toBe(false);
    expect(after.cleared).toBe(true);
  });

  it("answers as signed out for a disabled or deleted user and for an SSO session past its lifetime", async () => {
    const disabled = await seedUser();
    await db().user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const now = Math.floor(Date.now() / 1000);
    const ended: JWT[] = [
      { sub: disabled.id, sid: crypto.randomUUID() },
      { sub: crypto.randomUUID(), sid: crypto.randomUUID() },
      { sub: (await seedUser()).id, sid: crypto.randomUUID(), ssoUntil: now - 1 },
      { sid: crypto.randomUUID() },
    ];
    for (const token of ended) {
      const answer = await sessionEndpoint(token);
      expect(answer.body, JSON.stringify(token)).toEqual({});
      expect(answer.reissued).toBe(false);
    }
  });
});
