import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { acquireLease, instanceId, releaseLease } from "./job-lease";
import { releaseHeldLeases, underLease } from "./lease-keeper";

const history = (name: string) => db().jobLeaseAcquisition.findMany({ where: { name }, orderBy: { id: "asc" } });

describeWithDatabase("job leases", () => {
  // This process's held leases belong to the previous backend's database.
  beforeAll(releaseHeldLeases);

  it("one holder at a time: renewed by its holder, refused to others, taken over only once expired", async () => {
    expect(await acquireLease("sweep", "A", 2000)).toBe(true);
    expect(await acquireLease("sweep", "B", 2000)).toBe(false);
    expect(await acquireLease("sweep", "A", 2000)).toBe(true);
    expect(await acquireLease("sweep", "B", 2000)).toBe(false);
    await sleep(2100);
    expect(await acquireLease("sweep", "B", 60_000)).toBe(true);
    expect(await acquireLease("sweep", "A", 60_000)).toBe(false);

    const taken = await history("sweep");
    expect(taken.map((h) => [h.holder, h.previousHolder])).toEqual([
      ["A", null],
      ["B", "A"],
    ]);
    // The takeover came after the old lease had expired, by the database's own clock.
    expect(taken[1].previousExpiresAt!.getTime()).toBeLessThanOrEqual(taken[1].acquiredAt.getTime());
  });

  it("of many instances asking for a free lease at once, exactly one gets it", async () => {
    const holders = Array.from({ length: 6 }, (_, i) => `host:${i}`);
    const got = await Promise.all(holders.map((h) => acquireLease("race", h, 10_000)));
    expect(got.filter(Boolean)).toHaveLength(1);
    expect(await history("race")).toHaveLength(1);
  });

  it("a released lease is free at once for the next instance", async () => {
    expect(await acquireLease("handover", "A", 60_000)).toBe(true);
    await releaseLease("handover", "A");
    expect(await acquireLease("handover", "B", 60_000)).toBe(true);
  });

  it("underLease runs a singleton job only where this instance holds its lease", async () => {
    let runs = 0;
    const job = async () => ++runs;
    expect(await underLease("reports", job)).toEqual({ ran: true, value: 1 });
    expect(await underLease("reports", job)).toEqual({ ran: true, value: 2 });
    // Another instance holds this one: the job does not run here.
    expect(await acquireLease("reviews", "other-instance", 60_000)).toBe(true);
    expect(await underLease("reviews", job)).toEqual({ ran: false });
    expect(runs).toBe(2);
    expect((await history("reports")).map((h) => h.holder)).toEqual([instanceId()]);
  });
});
