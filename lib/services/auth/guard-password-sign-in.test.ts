import { expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { guardPasswordSignIn } from "./guard-password-sign-in";
import { recordBreakGlassSignIn } from "./record-break-glass-sign-in";

vi.hoisted(() => {
  Object.assign(process.env, {
    OIDC_ISSUER: "https://idp.test.example",
    OIDC_CLIENT_ID: "warden",
    OIDC_CLIENT_SECRET: "client-secret",
    WARDEN_PASSWORD_LOGIN: "off",
    WARDEN_BREAK_GLASS_EMAIL: "break-glass@test.local",
  });
});

describeWithDatabase("password sign-in switched off", () => {
  it("refuses everyone but the break-glass admin, with the wrong-password answer, and audits it", async () => {
    const user = await seedUser({ roles: ["ADMIN"], password: "a good password" });
    await expect(guardPasswordSignIn({ email: user.email, password: "a good password" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Invalid email or password",
    });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in", targetId: user.id } });
    expect(row).toMatchObject({ outcome: "failure", attributes: { reason: "password_login_off" } });
    await expect(guardPasswordSignIn({ email: "break-glass@test.local", password: "x" })).resolves.toEqual({
      breakGlass: true,
    });
  });

  it("a break-glass sign-in is loud: its own audit record and a notification to every other admin", async () => {
    const other = await seedUser({ roles: ["ADMIN"] });
    const glass = await seedUser({ email: "break-glass@test.local", roles: ["ADMIN"] });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await recordBreakGlassSignIn(glass);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("BREAK-GLASS sign-in: break-glass@test.local"));
    log.mockRestore();
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.break_glass_sign_in" } });
    expect(row).toMatchObject({ actorId: glass.id, outcome: "success" });
    const notes = await db().notification.findMany({ where: { title: { contains: "Break-glass" } } });
    expect(notes.map((x) => x.userId)).toContain(other.id);
    expect(notes.map((x) => x.userId)).not.toContain(glass.id);
  });
});
