import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { notifyRegistryChanged, registrySignal } from "./registry-signal";

describeWithDatabase("registry changes are announced at commit", () => {
  it("wakes a waiter when a change commits, and never for one rolled back", async () => {
    const signal = await registrySignal();
    const before = signal.generation;
    await db()
      .$transaction(async (tx) => {
        await notifyRegistryChanged(tx);
        throw new Error("rolled back");
      })
      .catch(() => {});
    await signal.wait(before, 1500);
    expect(signal.generation).toBe(before);

    const woken = signal.wait(before, 10_000);
    await db().$transaction((tx) => notifyRegistryChanged(tx));
    const started = Date.now();
    await woken;
    expect(signal.generation).toBe(before + 1);
    // Woken by the notification, not by the 10 s timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
