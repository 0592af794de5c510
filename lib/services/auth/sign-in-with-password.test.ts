import { expect, it } from "vitest";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { signInWithPassword } from "./sign-in-with-password";

describeWithDatabase("password sign-in and lockout", () => {
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

  it("locks the account after five failures for 15 minutes, even for the right password, then lets it in", async () => {
    const u = await seedUser({ password: "right password 123" });
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 1; i <= 4; i++) {
      await expect(signInWithPassword({ email: u.email, password: "wrong" }, t0)).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    await expect(signInWithPassword({ email: u.email, password: "wrong" }, t0)).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining("15 minutes"),
    });
    const t1 = new Date(t0.getTime() + 14 * 60_000);
    await expect(signInWithPassword({ email: u.email, password: "right password 123" }, t1)).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining("1 minute"),
    });
    const t2 = new Date(t0.getTime() + 15 * 60_000 + 1);
    await expect(signInWithPassword({ email: u.email, password: "right password 123" }, t2)).resolves.toMatchObject({
      id: u.id,
    });
    const locked = await db().auditEvent.count({ where: { targetId: u.id, action: "auth.account_locked" } });
    expect(locked).toBe(1);
  });

  it("counts parallel guesses: none slips past the limit", async () => {
    const u = await seedUser({ password: "right password 123" });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => signInWithPassword({ email: u.email, password: "wrong" })),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil).not.toBeNull();
  });
});
