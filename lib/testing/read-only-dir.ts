import { execFileSync } from "node:child_process";

/**
 * Turns a directory read-only and back, in a way that stops root too (tests run as root, and chmod does
 * not): a read-only bind mount of the directory onto itself (writes fail with EROFS, as on a file system
 * remounted read-only), or, where mounting is not allowed, the immutable attribute (EPERM).
 */
export function readOnlySwitch(dir: string) {
  let how: "mount" | "chattr" | null = null;
  return {
    on() {
      try {
        execFileSync("mount", ["--bind", "-o", "ro", dir, dir], { stdio: "pipe" });
        how = "mount";
      } catch {
        execFileSync("chattr", ["+i", dir], { stdio: "pipe" });
        how = "chattr";
      }
    },
    off() {
      if (how === "mount") execFileSync("umount", [dir], { stdio: "pipe" });
      if (how === "chattr") execFileSync("chattr", ["-i", dir], { stdio: "pipe" });
      how = null;
    },
  };
}
