import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

async function ruleErrors(code: string, filePath: string) {
  // The project's own config, so the fixture proves the rule is wired in, not only that it works.
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "warden/own-internals").map((m) => m.message);
}

describe("lint: a service domain's internal/ is its own", () => {
  it("fails a cross-domain import of internal/, by alias or relative path", async () => {
    const alias = `import { applyApproved } from "@/lib/services/approvals/internal/apply-approved";\nvoid applyApproved;\n`;
    expect(await ruleErrors(alias, "lib/services/decisions/decide-x.ts")).toEqual([
      expect.stringContaining("private to the approvals domain"),
    ]);
    const relative = `import { applyApproved } from "../approvals/internal/apply-approved";\nvoid applyApproved;\n`;
    expect(await ruleErrors(relative, "lib/services/tools/x.ts")).toHaveLength(1);
    const reexport = `export { applyApproved } from "@/lib/services/approvals/internal/apply-approved";\n`;
    expect(await ruleErrors(reexport, "lib/findings/x.ts")).toHaveLength(1);
  });

  it("passes an import of the domain's own internal/", async () => {
    const own = `import { applyApproved } from "@/lib/services/approvals/internal/apply-approved";\nvoid applyApproved;\n`;
    expect(await ruleErrors(own, "lib/services/approvals/vote-x.ts")).toEqual([]);
    const relative = `import { applyApproved } from "../internal/apply-approved";\nvoid applyApproved;\n`;
    expect(await ruleErrors(relative, "lib/services/approvals/sub/x.ts")).toEqual([]);
  });

  it("lets any service import a domain's shared/, and nothing above the services", async () => {
    const shared = `import { raiseFinding } from "@/lib/services/findings/shared/raise-finding";\nvoid raiseFinding;\n`;
    expect(await ruleErrors(shared, "lib/services/ingest/x.ts")).toEqual([]);
    expect(await ruleErrors(shared, "app/api/x/route.ts")).toEqual([expect.stringContaining("no permission check")]);
    expect(await ruleErrors(shared, "components/x.tsx")).toHaveLength(1);
  });
});
