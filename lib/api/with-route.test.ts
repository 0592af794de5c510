import { encode } from "next-auth/jwt";
import { expect, it } from "vitest";
import { z } from "zod";
import { authOptions } from "@/lib/auth/options";
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
    headers,
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
});
