import { mkdir, open, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { ZAnchorFile, type TCheckpointAnchor } from "@/lib/schemas/checkpoint-anchor";

/**
 * Where signed checkpoints are written outside the database: WARDEN_CHECKPOINT_DIR, or next to the
 * embedded database's folder. A PostgreSQL deployment without the variable has no anchors folder.
 */
export function checkpointDir(): string | null {
  const { WARDEN_CHECKPOINT_DIR, DATABASE_URL, PGLITE_DIR } = env();
  if (WARDEN_CHECKPOINT_DIR) return path.resolve(WARDEN_CHECKPOINT_DIR);
  if (DATABASE_URL || PGLITE_DIR === "memory://") return null;
  return path.join(path.dirname(path.resolve(PGLITE_DIR)), "checkpoints");
}

/** `<dir>/2026-12-01/00000000000000012345.json`: one folder a day, one file a checkpoint, sorted by name. */
export function anchorPath(dir: string, anchor: TCheckpointAnchor): string {
  return path.join(dir, anchor.createdAt.slice(0, 10), `${anchor.sequence.padStart(20, "0")}.json`);
}

/**
 * Writes one anchor file, never overwriting one (a WORM mount refuses that anyway), and flushes it to
 * disk before returning. The same checkpoint written twice (two instances) is fine; another head
 * signed for the same sequence is refused loudly.
 */
export async function writeAnchor(dir: string, anchor: TCheckpointAnchor): Promise<string> {
  const file = anchorPath(dir, anchor);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    const handle = await open(file, "wx", 0o444);
    try {
      await handle.writeFile(`${JSON.stringify(anchor, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = ZAnchorFile.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!existing.success || existing.data.hash !== anchor.hash)
      throw new Error(`${file} already holds another checkpoint for #${anchor.sequence}`);
  }
  return file;
}

export type AnchorRead = {
  exists: boolean;
  anchors: { anchor: TCheckpointAnchor; file: string }[];
  invalid: { file: string; reason: string }[];
};

/** Every `*.json` under `dir` (any depth), parsed; a file that is not a checkpoint is listed as invalid. */
export async function readAnchors(dir: string): Promise<AnchorRead> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { exists: false, anchors: [], invalid: [] };
    throw error;
  }
  const result: AnchorRead = { exists: true, anchors: [], invalid: [] };
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const file = path.join(dir, name);
    try {
      const parsed = ZAnchorFile.safeParse(JSON.parse(await readFile(file, "utf8")));
      if (parsed.success) result.anchors.push({ anchor: parsed.data, file });
      else result.invalid.push({ file, reason: parsed.error.issues[0]?.message ?? "not a checkpoint" });
    } catch (error) {
      result.invalid.push({ file, reason: (error as Error).message });
    }
  }
  return result;
}
