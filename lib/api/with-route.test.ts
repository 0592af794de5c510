import { encode } from "next-auth/jwt";
import { expect, it } from "vitest";
import { z } from "zod";
import { authOptions } from "@/lib/web-session/options";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { signOut } from "@/lib/services/auth/sign-out";
import { createToken } from "@/lib/services/tokens/create-token";
import { revokeToken } from "@/lib/services/tokens/revoke-token";
import { updateUser } from "@/lib/services/users/update-user";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { AppError } from "@/lib/errors";
import { withRoute } from "./with-route";

const ZBody = z.object({ name: z.string().min(2, "Too short"), count: z.number().int().max(10) });

const route = withRoute({ permission: "users.manage", body: ZBody }, async ({ actor, body }) => ({
  who: actor.type,
  body,
}));
const tokenRoute = withRoute({ permission: "audit.read", auth: "token" }, async ({ actor }) => ({ who: actor.type }));
const failing = (error: unknown) =>
  withRoute({ permission: "dashboard.read" }, async () => {
    throw error;
  });

async function sessionCookie(userId: string, sid?: string) {
  const jwt = await encode({ token: { sub: userId, sid }, secret: authOptions().secret! });
  return `next-auth.session-token=${jwt}`;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://test/api", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

describeWithDatabase("withRoute", () => {
  it("answers 401 without a session and 403 for a role without the permission", async () => {
    expect((await route(post({ name: "ok", count: 1 }))).status).toBe(401);
    const viewer = await seedUser({ roles: ["VIEWER"] });
    const res = await route(post({ name: "ok", count: 1 }, { cookie: await sessionCookie(viewer.id) }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/users.manage/);
  });

  it("parses the body with zod: 400 with field errors for bad input and bad JSON, the data otherwise", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const bad = await route(post({ name: "x", count: 11 }, { cookie }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toMatchObject({ name: "Too short", count: expect.any(String) });
    expect((await route(post("{not json", { cookie }))).status).toBe(400);
    const ok = await route(post({ name: "fine", count: 3 }, { cookie }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ who: "USER", body: { name: "fine", count: 3 } });
  });

  it("stops honouring a session as soon as the user is disabled", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    await updateUser(systemActor("test"), admin.id, { disabled: true });
    expect((await route(post({ name: "fine", count: 3 }, { cookie }))).status).toBe(401);
  });

  it("refuses a signed-out session, even a copy of its cookie, and keeps the user's other sessions", async () => {
    const user = await seedUser({ roles: ["ADMIN"] });
    const [laptop, phone] = [await sessionCookie(user.id, "sid-laptop"), await sessionCookie(user.id, "sid-phone")];
    const call = (cookie: string) => route(post({ name: "ok", count: 1 }, { cookie }));
    expect((await call(laptop)).status).toBe(200);
    await signOut({ sid: "sid-laptop", sub: user.id, exp: Math.floor(Date.now() / 1000) + 3600, email: user.email });
    expect((await call(laptop)).status).toBe(401);
    expect((await call(phone)).status).toBe(200);
    expect(await db().auditEvent.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
  });

  it("authenticates bearer tokens by scope, and refuses revoked, unknown and missing ones", async () => {
    const seed = systemActor("test");
    const reader = await createToken(seed, { name: "reader", scopes: ["read"], expiresInDays: 1 });
    const ingester = await createToken(seed, { name: "ingester", scopes: ["ingest"], expiresInDays: 1 });
    const call = (token?: string) =>
      tokenRoute(new Request("http://test/api", { headers: token ? { authorization: `Bearer ${token}` } : {} }));
    expect((await call(reader.token)).status).toBe(200);
    expect((await call(ingester.token)).status).toBe(403);
    expect((await call()).status).toBe(401);
    expect((await call("wdn_unknown")).status).toBe(401);
    await revokeToken(seed, reader.id);
    expect((await call(reader.token)).status).toBe(401);
  });

  it("maps AppError codes and Prisma's unique violation, and hides unexpected errors", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const get = (error: unknown) => failing(error)(new Request("http://test/api", { headers: { cookie } }));
    expect((await get(new AppError("NOT_FOUND", "nope"))).status).toBe(404);
    expect((await get(new AppError("UNPROCESSABLE", "bad yaml"))).status).toBe(422);
    expect((await get(new AppError("TOO_MANY_REQUESTS", "slow down"))).status).toBe(429);
    expect((await get(Object.assign(new Error("dup"), { code: "P2002" }))).status).toBe(409);
    const hidden = await get(new Error("connection string postgres://secret@host"));
    expect(hidden.status).toBe(500);
    expect(await hidden.text()).not.toContain("secret");
  });

  it("checks path params, media type, size, depth and text before the handler, and maps database errors", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const byId = withRoute({ permission: "users.read" }, async ({ params }) => params);
    const call = (params: Record<string, string>) =>
      byId(new Request("http://test/api", { headers: { cookie } }), { params: Promise.resolve(params) });
    expect((await call({ id: "not-a-uuid" })).status).toBe(404);
    expect((await call({ slug: "../etc" })).status).toBe(404);
    expect((await call({ id: "0123456789abcdef0123456789abcdef0123" })).status).toBe(404);
    expect(await (await call({ id: "6f1c2d3e-0000-4000-8000-000000000001", slug: "crm" })).json()).toEqual({
      id: "6f1c2d3e-0000-4000-8000-000000000001",
      slug: "crm",
    });
    const plain = await route(post({ name: "fine", count: 3 }, { cookie, "content-type": "text/plain" }));
    expect(plain.status).toBe(415);
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const tooDeep = await route(post(`{"name":"fine","count":1,"x":${deep}}`, { cookie }));
    expect(tooDeep.status).toBe(400);
    expect((await route(post({ name: "fi\u0000ne", count: 3 }, { cookie }))).status).toBe(400);
    expect((await route(post('{"name":"\\ud800ok","count":3}', { cookie }))).status).toBe(400);
    const big = await route(post({ name: "x".repeat(2 * 1024 * 1024), count: 1 }, { cookie }));
    expect(big.status).toBe(413);
    expect(big.headers.get("cache-control")).toBe("no-store");
    const get = (error: unknown) => failing(error)(new Request("http://test/api", { headers: { cookie } }));
    expect((await get(Object.assign(new Error("fk"), { code: "P2003" }))).status).toBe(422);
    expect((await get(Object.assign(new Error("bad uuid"), { code: "P2007" }))).status).toBe(400);
    expect((await get(Object.assign(new Error("raw"), { code: "P2010", meta: { code: "22P02" } }))).status).toBe(400);
    expect((await get(Object.assign(new Error("raw"), { code: "P2010", meta: { code: "23503" } }))).status).toBe(422);
  });

  it("refuses console mutations from another origin, even with the user's cookie", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const cookie = await sessionCookie(admin.id);
    const from = (headers: Record<string, string>) =>
      route(
        new Request("http://127.0.0.1:3000/api", {
          method: "POST",
          body: JSON.stringify({ name: "fine", count: 3 }),
          headers: { "content-type": "application/json", host: "127.0.0.1:3000", cookie, ...headers },
        }),
      );
    expect((await from({ origin: "http://127.0.0.1:4000" })).status).toBe(403);
    expect((await from({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await from({ "sec-fetch-site": "cross-site", origin: "https://evil.example" })).status).toBe(403);
    expect((await from({ origin: "null" })).status).toBe(403);
    expect((await from({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await from({})).status).toBe(200);
  });
});
