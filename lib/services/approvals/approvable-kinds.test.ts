import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A value import (not `import type`) of an entry point that decides or lists requests.
const CALLS =
  /^import (?!type )[^;]*from "@\/lib\/services\/approvals\/(vote-on-request|break-glass|list-approvals)";/m;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [file] : [];
  });
}

// Tests register the handlers through vitest's setup, so only this check notices a new caller that forgot.
describe("approvable kinds", () => {
  it("are registered wherever a request is decided or listed outside the tests", () => {
    const callers = ["app", "lib", "scripts", "prisma"]
      .flatMap(sources)
      .filter((f) => !f.startsWith("lib/services/approvals/"))
      .filter((f) => CALLS.test(readFileSync(f, "utf8")));
    expect(callers.length).toBeGreaterThan(0);
    const missing = callers.filter(
      (f) => !readFileSync(f, "utf8").includes('import "@/lib/services/approvable-kinds";'),
    );
    expect(missing).toEqual([]);
  });
});
