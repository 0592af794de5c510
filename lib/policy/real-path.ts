import { realpathSync } from "node:fs";
import path from "node:path";

/**
 * The path with every symlink resolved: the deepest part that exists is resolved, the rest (a file
 * about to be written) appended. Null when it cannot be resolved (a loop, no permission).
 */
export function realPathOf(absolute: string): string | null {
  let head = absolute;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync.native(head), ...tail.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || head === "/") return null;
      tail.push(path.basename(head));
      head = path.dirname(head);
    }
  }
}
