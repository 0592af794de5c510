import { expect, it } from "vitest";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { backoffSeconds, recordFailure, THROTTLE, throttleKeys } from "./internal/sign-in-throttle";
import { signInWithPassword } from "./sign-in-with-password";

const RIGHT = "right password 123";
const from = (address: string, device: string | null = null) => ({ address, device });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: { code: string }) => e.code,
  );

describeWithDatabase("password sign-in and backoff", () => {
  it("signs in with the right password and audits it, with the client's address, without the password", async () => {
    const u = await seedUser({ password: RIGHT });
    const user = await signInWithPassword({ email: u.email, password: RIGHT }, new Date(), from("192.0.2.44"));
    expect(user.id).toBe(u.id);
    const events = await db().auditEvent.findMany({ where: { targetId: u.id, category: "AUTH" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign_in"]);
    expect(events[0].attributes).toMatchObject({ client: "192.0.2.44", trustedDevice: false });
    expect(canonicalJson(events)).not.toContain(RIGHT);
  });

  it("refuses unknown users and disabled users with the same message", async () => {
    await expect(
      signInWithPassword({ email: "nobody@test.local", password: "x" }, new Date(), from("192.0.2.45")),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Invalid email or password" });
  });

  // Issue 22: 20 bad passwords for admin@ from one address kept admin@ out of every new browser and address.
  it("holds a stranger's address back on the account it guesses, while any other address and the owner's device get in", async () => {
    const u = await seedUser({ password: RIGHT });
    const t0 = new Date("2026-01-01T10:00:00Z");
    const stranger = from("203.0.113.9");
    const seen: string[] = [];
    for (let i = 0; i < 22; i++)
      seen.push(await codeOf(signInWithPassword({ email: u.email, password: `wrong ${i}` }, t0, stranger)));
    expect(seen.slice(0, THROTTLE.pair.free)).toEqual(Array(THROTTLE.pair.free).fill("UNAUTHORIZED"));
    expect(seen.slice(THROTTLE.pair.free)).toEqual(Array(22 - THROTTLE.pair.free).fill("TOO_MANY_REQUESTS"));
    // The stranger's address waits, even with the right password: 429, the same message, Retry-After.
    const held = await signInWithPassword({ email: u.email, password: RIGHT }, t0, stranger).catch((e) => e);
    expect(held).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Invalid email or password" });
    expect(held.retryAfterSeconds).toBeGreaterThanOrEqual(THROTTLE.pair.base);
    // A new browser at another address signs in at once, and so does the owner's known device.
    await expect(
      signInWithPassword({ email: u.email, password: RIGHT }, t0, from("198.51.100.7")),
    ).resolves.toMatchObject({
      id: u.id,
    });
    const device = from("203.0.113.9", "6f1c2d3e-0000-4000-8000-000000000001");
    await expect(signInWithPassword({ email: u.email, password: RIGHT }, t0, device)).resolves.toMatchObject({
      id: u.id,
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ lockedUntil: null });
    // Every refusal is in the audit trail, with the address and what held it back.
    const refusals = await db().auditEvent.findMany({
      where: { targetId: u.id, action: "auth.sign_in", outcome: "failure" },
      orderBy: { sequence: "asc" },
    });
    expect(refusals).toHaveLength(23);
    expect(refusals.at(-1)!.attributes).toMatchObject({
      reason: "throttled",
      client: "203.0.113.9",
      throttledBy: ["pair"],
    });
  });

  it("slows an account guessed from many addresses down, by at most a minute, never locking it", async () => {
    const u = await seedUser({ password: RIGHT });
    const t0 = new Date("2026-01-04T10:00:00Z");
    // Two hundred failures from two hundred addresses (counted directly: a password hash each would only be slow).
    for (let i = 0; i < 200; i++) await recordFailure(throttleKeys(u.email, from(`10.9.${i >> 8}.${i & 255}`)), t0);
    const owner = from("198.51.100.8");
    const slowed = await signInWithPassword({ email: u.email, password: RIGHT }, t0, owner).catch((e) => e);
    expect(slowed).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(slowed.retryAfterSeconds).toBeGreaterThan(0);
    expect(slowed.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.account.max);
    // The owner's known device is not slowed at all…
    const device = from("198.51.100.8", "6f1c2d3e-0000-4000-8000-000000000002");
    await expect(signInWithPassword({ email: u.email, password: RIGHT }, t0, device)).resolves.toMatchObject({
      id: u.id,
    });
    // …and any address gets in once the (bounded) wait is over.
    const later = new Date(t0.getTime() + slowed.retryAfterSeconds * 1000);
    await expect(signInWithPassword({ email: u.email, password: RIGHT }, later, owner)).resolves.toMatchObject({
      id: u.id,
    });
  });

  it("never waits longer than each key's ceiling, however many failures", () => {
    for (const kind of Object.keys(THROTTLE) as (keyof typeof THROTTLE)[])
      for (const failures of [0, 1, THROTTLE[kind].free, 40, 1_000, 1e9])
        expect(backoffSeconds(kind, failures)).toBeLessThanOrEqual(THROTTLE[kind].max);
    expect(backoffSeconds("account", 1e9)).toBe(60);
  });

  it("throttles an unknown email exactly like a known one, so a 429 reveals nothing", async () => {
    const t0 = new Date("2026-01-02T10:00:00Z");
    const known = await seedUser({ password: RIGHT });
    const outcomes = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++)
        seen.push(await codeOf(signInWithPassword({ email, password: "wrong" }, t0, from("203.0.113.30"))));
      return seen;
    };
    const a = await outcomes(known.email);
    expect(await outcomes(`nobody-${Date.now()}@test.local`)).toEqual(a);
    expect(a).toEqual([...Array(5).fill("UNAUTHORIZED"), "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });

  it("limits one address across many accounts", async () => {
    const t0 = new Date("2026-01-03T10:00:00Z");
    const client = from("203.0.113.77");
    for (let i = 0; i < THROTTLE.client.free - 1; i++)
      await recordFailure(throttleKeys(`spray-${i}@test.local`, client), t0);
    // The twentieth is still an ordinary failure, and after it the address waits, whichever account it tries.
    const wrong = (email: string) => signInWithPassword({ email, password: "wrong" }, t0, client);
    await expect(wrong(`spray-last@test.local`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(wrong(`spray-new@test.local`)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("counts parallel guesses: none slips past the limit", async () => {
    const u = await seedUser({ password: RIGHT });
    const client = from("203.0.113.88");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => signInWithPassword({ email: u.email, password: "wrong" }, new Date(), client)),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const row = await db().signInThrottle.findUniqueOrThrow({ where: { key: `pair:203.0.113.88 ${u.email}` } });
    expect(row.failures).toBe(8);
    expect(row.blockedUntil).not.toBeNull();
  });
});
