import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { authenticateToken } from "@/lib/services/tokens/authenticate-token";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { FRESH_FOR_MS, ShortCache } from "./short-cache";

describeWithDatabase("short-lived database cache", () => {
  it("reuses a value for FRESH_FOR_MS, then reads again", async () => {
    const cache = new ShortCache<number>("test-reuse");
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get("k", load, 1_000)).toBe(1);
    expect(await cache.get("k", load, 1_000 + FRESH_FOR_MS - 1)).toBe(1);
    expect(await cache.get("k", load, 1_000 + FRESH_FOR_MS)).toBe(2);
  });

  it("never keeps a miss", async () => {
    const cache = new ShortCache<number | undefined>("test-miss");
    let reads = 0;
    const miss = async () => (reads++, undefined);
    await cache.get("unknown", miss, 1_000);
    await cache.get("unknown", miss, 1_001);
    expect(reads).toBe(2);
  });

  it("after this instance's change: reads at once, caches nothing while the change may be committing, and drops a read already in flight", async () => {
    const cache = new ShortCache<number>("test-invalidate");
    let reads = 0;
    await cache.get("k", async () => ++reads, 1_000);
    let release!: () => void;
    const inFlight = cache.get(
      "k",
      () => new Promise<number>((r) => (release = () => r(++reads))),
      1_000 + FRESH_FOR_MS,
    );
    cache.invalidate(1_000 + FRESH_FOR_MS);
    release();
    expect(await inFlight).toBe(2);
    expect(await cache.get("k", async () => ++reads, 1_000 + FRESH_FOR_MS + 1)).toBe(3);
    expect(await cache.get("k", async () => ++reads, 1_000 + FRESH_FOR_MS + 2)).toBe(4);
    expect(await cache.get("k", async () => ++reads, 1_000 + 2 * FRESH_FOR_MS)).toBe(5);
    expect(await cache.get("k", async () => ++reads, 1_000 + 2 * FRESH_FOR_MS + 1)).toBe(5);
  });

  it("honours a token revoked by another instance within FRESH_FOR_MS", async () => {
    const { token, id } = await createToken(systemActor("test"), { name: "gw", scopes: ["decide"], expiresInDays: 1 });
    const t0 = Date.now() + 10_000;
    expect(await authenticateToken(token, new Date(t0))).toMatchObject({ id });
    // Another Warden instance revokes it: this one does not see the write, only the database does.
    await db().$executeRaw`UPDATE "ApiToken" SET "revokedAt" = now() WHERE id = ${id}::uuid`;
    expect(await authenticateToken(token, new Date(t0 + FRESH_FOR_MS - 1))).toMatchObject({ id });
    expect(await authenticateToken(token, new Date(t0 + FRESH_FOR_MS))).toBeNull();
  });
});
