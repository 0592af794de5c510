import { db } from "@/lib/db/client";
import { ShortCache } from "@/lib/db/short-cache";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadSnapshot, type Snapshot } from "./snapshot";

type OrgState = { registryVersion: number; paused: boolean };

// Per connection (tests open several databases in one process, whose versions can coincide), and
// shared through globalThis by every route bundle.
const holder = globalThis as typeof globalThis & { __wardenSnapshots?: WeakMap<PrismaClient, Promise<Snapshot>> };
const orgState = new ShortCache<OrgState>("org-state", 1);

/**
 * The registry snapshot for the current registry version. The version and the org pause are read at
 * most every FRESH_FOR_MS (a change by another instance applies within it; one by this instance, at
 * once), and the snapshot is reloaded only when the version moved.
 */
export async function currentSnapshot(): Promise<Snapshot & { paused: boolean }> {
  const settings = await orgState.get("org", async () => {
    const [row] = await db().$queryRaw<OrgState[]>`SELECT "registryVersion", paused FROM "OrgSettings" WHERE id = 1`;
    return row ?? { registryVersion: 0, paused: false };
  });
  const client = db();
  const snapshots = (holder.__wardenSnapshots ??= new WeakMap());
  let snapshot = await snapshots.get(client);
  if (!snapshot || snapshot.version !== settings.registryVersion) {
    const loading = loadSnapshot(client, settings.registryVersion);
    snapshots.set(client, loading);
    loading.catch(() => snapshots.delete(client));
    snapshot = await loading;
  }
  return { ...snapshot, paused: settings.paused };
}

/** This instance changed the registry or the org pause: the next decision reads them again. */
export const registryStateChanged = () => orgState.invalidate();
