import { db } from "@/lib/db/client";
import { loadSnapshot, type Snapshot } from "./snapshot";

const holder = globalThis as typeof globalThis & { __wardenSnapshot?: Promise<Snapshot> };

/**
 * The registry snapshot for the current registry version. One tiny query per decision reads the
 * version and the org pause, so a change committed by any Warden instance applies to the very next
 * call; the snapshot itself is reloaded only when the version moved.
 */
export async function currentSnapshot(): Promise<Snapshot & { paused: boolean }> {
  const [settings] = await db().$queryRaw<{ registryVersion: number; paused: boolean }[]>`SELECT "registryVersion", paused FROM "OrgSettings" WHERE id = 1`;
  const version = settings?.registryVersion ?? 0;
  let snapshot = await holder.__wardenSnapshot;
  if (!snapshot || snapshot.version !== version) {
    const loading = loadSnapshot(db(), version);
    holder.__wardenSnapshot = loading;
    loading.catch(() => (holder.__wardenSnapshot = undefined));
    snapshot = await loading;
  }
  return { ...snapshot, paused: settings?.paused ?? false };
}
