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

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Whether `dir` folds case: the name with its case swapped is the same file (ext4 casefold, APFS, NTFS). */
function foldsCase(dir: string, name: string, stat: Stats): boolean {
  const swapped = name !== name.toUpperCase() ? name.toUpperCase() : name.toLowerCase();
  if (swapped === name) return false;
  try {
    const other = lstatSync(path.posix.join(dir, swapped));
    return other.ino === stat.ino && other.dev === stat.dev;
  } catch {
    return false;
  }
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
function entryOf(dir: string, name: string, followEquivalent: boolean): Entry {
  let stat: Stats | undefined;
  try {
    stat = lstatSync(path.posix.join(dir, name));
  } catch (error) {
    if (codeOf(error) !== "ENOENT") return { unresolved: `${name} cannot be read (${codeOf(error)})` };
  }
  const folds = PLATFORM_FOLDS || (stat !== undefined && foldsCase(dir, name, stat));
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
      return { name: same[0], stat: lstatSync(path.posix.join(dir, same[0])) };
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
export function resolvePath(absolute: string, opts: { followEquivalent?: boolean } = {}): Resolution {
  const pending = absolute.split("/").reverse();
  const tail: string[] = [];
  let current = "/";
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
      continue;
    }
    const entry = entryOf(current, name, opts.followEquivalent ?? false);
    if ("unresolved" in entry) return entry;
    if (entry.name === null) {
      tail.push(name);
      continue;
    }
    const next = path.posix.join(current, entry.name);
    if (!entry.stat.isSymbolicLink()) {
      current = next;
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
    if (target.startsWith("/")) current = "/";
  }
  return { real: path.posix.join(current, ...tail) };
}
