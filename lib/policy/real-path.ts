import { lstatSync, readdirSync, readlinkSync, type Stats } from "node:fs";
import path from "node:path";

/** Where a path leads on this machine, or why Warden cannot say. */
export type Resolution = { real: string } | { unresolved: string };

/** Linux's MAXSYMLINKS: a longer chain is a loop, or meant to exhaust the resolver. */
const MAX_LINKS = 40;
/** macOS (APFS, HFS+) and Windows (NTFS) volumes fold case and Unicode form by default. */
const PLATFORM_FOLDS = process.platform === "darwin" || process.platform === "win32";
/** Default-ignorable code points: HFS+ drops some of them from names, and no two names may differ only by them. */
const IGNORABLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

/**
 * The name as every file system or server that normalises might see it: NFKC (which also makes the
 * canonical singletons plain: the Kelvin sign is K, the Ångström sign Å, the Greek question mark ;),
 * without ignorable code points, and case-folded where the volume folds.
 */
export function nameKey(name: string, folds: boolean): string {
  const key = name.normalize("NFKC").replace(IGNORABLE, "");
  return folds ? key.toUpperCase().toLowerCase().normalize("NFKC") : key;
}

/** A missing name is an answer, not an exception (throwing costs more than the lstat). */
const NO_THROW = { throwIfNoEntry: false } as const;

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Whether a directory folds case, by its dev:ino. A folding directory (ext4 casefold) can only be made
 * empty and stays so, so the answer is kept (bounded): each directory is probed once, not every call.
 */
const foldingDirs = new Map<string, boolean>();
const MAX_FOLDING_DIRS = 10_000;

/** Whether `dir` folds case: the name with its case swapped is the same file (ext4 casefold, APFS, NTFS). */
function foldsCase(dir: string, dirKey: string, name: string, stat: Stats): boolean {
  const known = foldingDirs.get(dirKey);
  if (known !== undefined) return known;
  const swapped = name !== name.toUpperCase() ? name.toUpperCase() : name.toLowerCase();
  if (swapped === name) return false;
  let folds = false;
  try {
    const other = lstatSync(path.posix.join(dir, swapped), NO_THROW);
    folds = other !== undefined && other.ino === stat.ino && other.dev === stat.dev;
  } catch {
    return false;
  }
  if (foldingDirs.size >= MAX_FOLDING_DIRS) foldingDirs.clear();
  foldingDirs.set(dirKey, folds);
  return folds;
}

type Entry = { name: string; stat: Stats } | { name: null } | { unresolved: string };

/**
 * Which entry of `dir` a component names. A name spelt exactly as on disk, in plain form, on a volume
 * that does not fold, is itself. Otherwise the directory is read: a name that is not on disk byte for
 * byte but has an equivalent spelling there (NFC, NFKC, case where the volume folds) cannot be pinned
 * to one file (a server that normalises opens the equivalent, the kernel would not), so it is not
 * resolved; nor is a name with several equivalents. `followEquivalent` (for roots, which an admin
 * wrote) takes the one equivalent instead.
 */
function entryOf(dir: string, dirKey: string, name: string, followEquivalent: boolean): Entry {
  let stat: Stats | undefined;
  try {
    stat = lstatSync(path.posix.join(dir, name), NO_THROW);
  } catch (error) {
    if (codeOf(error) !== "ENOENT") return { unresolved: `${name} cannot be read (${codeOf(error)})` };
  }
  const folds = PLATFORM_FOLDS || (stat !== undefined && foldsCase(dir, dirKey, name, stat));
  if (stat && !folds && nameKey(name, false) === name) return { name, stat };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    return { unresolved: `${dir} cannot be listed (${codeOf(error)})` };
  }
  const key = nameKey(name, folds);
  const same = entries.filter((e) => nameKey(e, folds) === key);
  const exact = entries.includes(name);
  if (same.length > 1)
    return { unresolved: `${JSON.stringify(name)} is ambiguous: ${same.length} names in its directory are equivalent` };
  if (same.length === 1 && !exact) {
    if (!followEquivalent)
      return {
        unresolved: `${JSON.stringify(name)} is not on disk as spelt, and ${JSON.stringify(same[0])} is an equivalent spelling`,
      };
    try {
      const equivalent = lstatSync(path.posix.join(dir, same[0]), NO_THROW);
      return equivalent ? { name: same[0], stat: equivalent } : { unresolved: `${same[0]} vanished as it was read` };
    } catch (error) {
      return { unresolved: `${same[0]} cannot be read (${codeOf(error)})` };
    }
  }
  if (!stat) return { name: null };
  if (!exact) return { unresolved: `${JSON.stringify(name)} opens a file whose name Warden cannot identify` };
  return { name, stat };
}

/**
 * Resolves an absolute path as the kernel opens it: component by component from /, following every
 * symlink (also the last, and a dangling one: opening it for writing creates its target), with `..`
 * taken physically (the parent of where a symlink led). The first component that does not exist, and
 * has no equivalent spelling, starts the tail of a file about to be created: the tail is appended.
 * Unresolved when a name is ambiguous or only equivalent (see entryOf), on a loop, or on an error
 * other than "no such file".
 */
export function resolvePath(absolute: string, opts: { followEquivalent?: boolean; trail?: string[] } = {}): Resolution {
  const pending = absolute.split("/").reverse();
  const tail: string[] = [];
  let current = "/";
  // The current directory's dev:ino, known from the lstat that walked into it ("" to look it up).
  let currentKey = "";
  let links = 0;
  while (pending.length) {
    const name = pending.pop()!;
    if (name === "" || name === ".") continue;
    if (tail.length) {
      if (name === "..") tail.pop();
      else tail.push(name);
      continue;
    }
    if (name === "..") {
      current = path.posix.dirname(current);
      currentKey = "";
      continue;
    }
    if (!currentKey) {
      let dir: Stats | undefined;
      try {
        dir = lstatSync(current, NO_THROW);
      } catch (error) {
        return { unresolved: `${current} cannot be read (${codeOf(error)})` };
      }
      if (!dir) return { unresolved: `${current} vanished as it was walked` };
      currentKey = `${dir.dev}:${dir.ino}`;
    }
    const entry = entryOf(current, currentKey, name, opts.followEquivalent ?? false);
    if ("unresolved" in entry) return entry;
    if (entry.name === null) {
      tail.push(name);
      continue;
    }
    const next = path.posix.join(current, entry.name);
    // What was walked: each entry's identity, and for what is not a directory its ctime too (a rename or
    // a new link changes it), so a swap and a swap back between two walks shows.
    const { dev, ino, ctimeMs } = entry.stat;
    opts.trail?.push(`${next}:${dev}:${ino}${entry.stat.isDirectory() ? "" : `:${ctimeMs}`}`);
    if (!entry.stat.isSymbolicLink()) {
      current = next;
      currentKey = `${dev}:${ino}`;
      continue;
    }
    if (++links > MAX_LINKS) return { unresolved: `more than ${MAX_LINKS} symlinks (a loop?)` };
    let target: string;
    try {
      target = readlinkSync(next);
    } catch (error) {
      return { unresolved: `${next} cannot be read (${codeOf(error)})` };
    }
    pending.push(...target.split("/").reverse());
    if (target.startsWith("/")) [current, currentKey] = ["/", ""];
  }
  return { real: path.posix.join(current, ...tail) };
}

/**
 * Where a path leads and everything walked to get there: equal fingerprints taken before and after a
 * call mean no component of the path was replaced in between (a directory renamed away and back is
 * the one swap it cannot see).
 */
export function pathFingerprint(absolute: string): string {
  const trail: string[] = [];
  const resolved = resolvePath(absolute, { trail });
  return JSON.stringify([resolved, trail]);
}
