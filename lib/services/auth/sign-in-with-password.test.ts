import { expect, it } from "vitest";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { FREE_FAILURES, recordFailure, throttleKeys } from "./internal/sign-in-throttle";
import { signInWithPassword } from "./sign-in-with-password";

describeWithDatabase("password sign-in and backoff", () => {
  it("signs in with the right password and audits it without the password", async () => {
    const u = await seedUser({ password: "right password 123" });
    const user = await signInWithPassword({ email: u.email, password: "right password 123" });
    expect(user.id).toBe(u.id);
    const events = await db().auditEvent.findMany({ where: { targetId: u.id, category: "AUTH" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign_in"]);
    expect(canonicalJson(events)).not.toContain("right password");
  });

  it("refuses unknown users and disabled users with the same message", async () => {
    await expect(signInWithPassword({ email: "nobody@test.local", password: "x" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Invalid email or password",
    });
  });

  // Backoff replaces the lockout (issue 9): a stranger who knows the email must not lock the owner out.
  const stranger = { address: "203.0.113.9", device: null };
  const owner = { address: "198.51.100.7", device: "6f1c2d3e-0000-4000-8000-000000000001" };
  const wrong = (email: string, at: Date, client = stranger) =>
    signInWithPassword({ email, password: "wrong" }, at, client);

  it("backs off a stranger's guesses with 429 and Retry-After, while the owner's device still gets in", async () => {
    const u = await seedUser({ password: "right password 123" });
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 1; i <= 5; i++)
      await expect(wrong(u.email, t0)).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        message: "Invalid email or password",
      });
    const throttled = await wrong(u.email, t0).catch((e) => e);
    expect(throttled).toMatchObject({ code: "TOO_MANY_REQUESTS", message: "Invalid email or password" });
    expect(throttled.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Even the right password waits on the stranger's client and on the account key…
    await expect(
      signInWithPassword({ email: u.email, password: "right password 123" }, t0, {
        address: "192.0.2.1",
        device: null,
      }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // …but the owner's trusted device is counted on its own key and signs in at once.
    await expect(
      signInWithPassword({ email: u.email, password: "right password 123" }, t0, owner),
    ).resolves.toMatchObject({ id: u.id });
    // And after the wait, any client with the right password gets in.
    const later = new Date(t0.getTime() + throttled.retryAfterSeconds * 1000 + 1);
    await expect(
      signInWithPassword({ email: u.email, password: "right password 123" }, later, {
        address: "192.0.2.1",
        device: null,
      }),
    ).resolves.toMatchObject({ id: u.id });
    expect(await db().user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ lockedUntil: null });
  });

  it("throttles an unknown email exactly like a known one, so a 429 reveals nothing", async () => {
    const t0 = new Date("2026-01-02T10:00:00Z");
    const known = await seedUser({ password: "right password 123" });
    const outcomes = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) seen.push(((await wrong(email, t0).catch((e) => e)) as { code: string }).code);
      return seen;
    };
    const a = await outcomes(known.email);
    expect(await outcomes(`nobody-${Date.now()}@test.local`)).toEqual(a);
    expect(a).toEqual([
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "TOO_MANY_REQUESTS",
      "TOO_MANY_REQUESTS",
    ]);
  });

  it("limits one client across many accounts", async () => {
    const t0 = new Date("2026-01-03T10:00:00Z");
    const client = { address: "203.0.113.77", device: null };
    // Nineteen failures for nineteen accounts (counted directly: a password hash each would only be slow)…
    for (let i = 0; i < FREE_FAILURES.client - 1; i++)
      await recordFailure(throttleKeys(`spray-${i}@test.local`, client), t0);
    // …the twentieth is still an ordinary failure, and after it the client waits, whichever account it tries.
    await expect(wrong(`spray-last@test.local`, t0, client)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(wrong(`spray-new@test.local`, t0, client)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("counts parallel guesses: none slips past the limit", async () => {
    const u = await seedUser({ password: "right password 123" });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => signInWithPassword({ email: u.email, password: "wrong" })),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const row = await db().signInThrottle.findUniqueOrThrow({ where: { key: `account:${u.email}` } });
    expect(row.failures).toBe(8);
    expect(row.blockedUntil).not.toBeNull();
  });
});
