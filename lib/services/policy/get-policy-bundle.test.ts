import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { db } from "@/lib/db/client";
import { setOrgPause } from "@/lib/services/org/set-org-pause";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { updateUser } from "@/lib/services/users/update-user";
import { seedUser } from "@/prisma/seed/factories";
import { getPolicyBundle } from "./get-policy-bundle";

const sys = systemActor("test");

describeWithDatabase("the policy bundle while Warden stops", () => {
  it("ends a held long poll at once with 503 when the server begins to stop, instead of confirming the bundle", async () => {
    const stopping = new AbortController();
    const first = await getPolicyBundle(sys, { stopping: stopping.signal });
    expect(first.status).toBe(200);
    const started = Date.now();
    const held = getPolicyBundle(sys, { ifNoneMatch: first.etag, waitSeconds: 30, stopping: stopping.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 300));
    stopping.abort();
    const error = await held;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "UNAVAILABLE", status: 503, retryAfterSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses every new poll while stopping: a fresh bundle, a confirmation, a long poll", async () => {
    const live = new AbortController();
    const { etag } = await getPolicyBundle(sys, { stopping: live.signal });
    const stopped = AbortSignal.abort();
    for (const opts of [{}, { ifNoneMatch: etag }, { ifNoneMatch: etag, waitSeconds: 30 }, { ifNoneMatch: "other" }])
      await expect(getPolicyBundle(sys, { ...opts, stopping: stopped })).rejects.toMatchObject({
        code: "UNAVAILABLE",
      });
  });

  it("still holds a long poll until it times out while the server runs, and a gone client only ends it early", async () => {
    const live = new AbortController();
    const { etag } = await getPolicyBundle(sys, { stopping: live.signal });
    let started = Date.now();
    expect(await getPolicyBundle(sys, { ifNoneMatch: etag, waitSeconds: 1, stopping: live.signal })).toEqual({
      status: 304,
      etag,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const client = new AbortController();
    started = Date.now();
    setTimeout(() => client.abort(), 200);
    const answer = await getPolicyBundle(sys, {
      ifNoneMatch: etag,
      waitSeconds: 30,
      signal: client.signal,
      stopping: live.signal,
    });
    expect(answer.status).toBe(304);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describeWithDatabase("the policy bundle when the registry changes", () => {
  it("answers a held long poll with the new bundle when a kill switch is set, without waiting out the poll", async () => {
    const live = new AbortController();
    const { etag } = await getPolicyBundle(sys, { stopping: live.signal });
    const held = getPolicyBundle(sys, { ifNoneMatch: etag, waitSeconds: 30, stopping: live.signal });
    await new Promise((r) => setTimeout(r, 200));
    await setOrgPause(sys, { paused: true, reason: "incident" });
    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.etag).not.toBe(etag);
  });

  it("drops a disabled user's sign-in identity from the bundle at once, and restores it when enabled", async () => {
    const live = new AbortController();
    const user = await seedUser({ email: "disabled-later@test.local" });
    // As a first single sign-on would link it (lib/services/users/link-sso-identity.ts bumps the registry too).
    await db().$transaction(async (tx) => {
      await tx.ssoIdentity.create({
        data: { issuer: "https://idp.test", subject: "u-1", userId: user.id, linkedBy: "PROVISIONED" },
      });
      await registryChanged(tx);
    });
    const identities = async () => {
      const answer = await getPolicyBundle(sys, { stopping: live.signal });
      if (answer.status !== 200) throw new Error("expected a bundle");
      return (JSON.parse(answer.body) as { identities: { email: string }[] }).identities.map((i) => i.email);
    };
    expect(await identities()).toContain(user.email);
    await updateUser(sys, user.id, { disabled: true });
    expect(await identities()).not.toContain(user.email);
    await updateUser(sys, user.id, { disabled: false });
    expect(await identities()).toContain(user.email);
  });
});
