import { createHash } from "node:crypto";
import { link, open, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/** Where sealed months are archived: WARDEN_ARCHIVE_DIR (a WORM or object-lock mount), or none (nothing is sealed). */
export function archiveDir(): string | null {
  const dir = env().WARDEN_ARCHIVE_DIR;
  return dir ? path.resolve(dir) : null;
}

export const sha256OfFile = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

/**
 * Writes `name` in `dir` from chunks, never overwriting: to a temporary name first, flushed to disk, then linked
 * to its name (which fails if the name exists) so a reader never sees half a file. A file already there with the
 * very same bytes (a retry after a crash) is accepted; different bytes are refused. Returns the bytes' sha256.
 */
export async function writeOnce(dir: string, name: string, chunks: AsyncIterable<string> | string[]) {
  const final = path.join(dir, name);
  const temp = path.join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const hash = createHash("sha256");
  let bytes = 0;
  // Read-only, and for the owner and its group alone: a month holds every record in full, people's names too.
  const handle = await open(temp, "wx", 0o440);
  try {
    for await (const chunk of chunks) {
      const buffer = Buffer.from(chunk);
      hash.update(buffer);
      bytes += buffer.length;
      await handle.write(buffer);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  const sha256 = hash.digest("hex");
  try {
    await link(temp, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if ((await sha256OfFile(final)) !== sha256)
      throw new Error(`${final} already exists with other content: the archive is never overwritten`);
  } finally {
    await unlink(temp).catch(() => {});
  }
  await syncDir(dir);
  return { name, sha256, bytes };
}

/** Flushes the folder's entries, so the new name survives a crash too. */
async function syncDir(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
