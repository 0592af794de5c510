import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The project's own config, so each fixture proves the rule is wired in for that folder, not only that it works.
const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages ESLint gives one import of `from` in a file at `filePath`. */
async function restricted(filePath: string, from: string) {
  const [result] = await eslint.lintText(`import * as mod from "${from}";\nvoid mod;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

async function expectRefused(files: string[], imports: string[], message: string) {
  for (const file of files)
    for (const from of imports)
      expect(await restricted(file, from), `${file} imports ${from}`).toEqual([expect.stringContaining(message)]);
}

async function expectAllowed(files: string[], imports: string[]) {
  for (const file of files)
    for (const from of imports) expect(await restricted(file, from), `${file} imports ${from}`).toEqual([]);
}

describe("lint: layers import downward only", () => {
  it("lib/auth (pure helpers) never imports services, the web session or lib/api", async () => {
    const files = ["lib/auth/x.ts", "lib/auth/sso/x.ts"];
    await expectRefused(files, ["@/lib/services/auth/sign-out", "@/lib/web-session/options"], "lib/auth holds pure");
    await expectRefused(files, ["@/lib/api/with-route"], "lib/api is the HTTP layer");
    await expectAllowed(files, ["@/lib/env", "@/lib/generated/prisma/enums", "./password", "node:crypto"]);
  });

  it("services never import the web session or lib/api", async () => {
    const files = ["lib/services/auth/x.ts", "lib/services/servers/internal/x.ts"];
    await expectRefused(files, ["@/lib/web-session/require-user"], "lib/web-session is the next-auth adapter");
    await expectRefused(files, ["@/lib/api/error-response"], "lib/api is the HTTP layer");
    await expectAllowed(files, [
      "@/lib/auth/password",
      "@/lib/policy/decide",
      "@/lib/db/client",
      "@/lib/audit/record-audit",
    ]);
  });

  it("domain rules and I/O helpers never import services or the web session", async () => {
    const files = [
      "lib/policy/x.ts",
      "lib/registry/x.ts",
      "lib/approvals/x.ts",
      "lib/findings/x.ts",
      "lib/reviews/x.ts",
    ];
    files.push("lib/evidence/x.ts", "lib/audit/x.ts", "lib/ingest/x.ts", "lib/webhooks/x.ts", "lib/net/x.ts");
    await expectRefused(files, ["@/lib/services/findings/x"], "The services sit above this folder");
    await expectRefused(files, ["@/lib/web-session/options"], "lib/web-session is the next-auth adapter");
    await expectAllowed(files, ["@/lib/db/client", "@/lib/schemas/grant", "@/lib/registry/risk", "@/lib/auth/secret"]);
  });

  it("foundations import only each other, the generated enums and packages", async () => {
    const files = ["lib/authz/x.ts", "lib/schemas/x.ts", "lib/crypto/x.ts", "lib/redaction/x.ts"];
    files.push("lib/errors.ts", "lib/env.ts", "lib/server-stopping.ts");
    const above = ["@/lib/registry/risk", "@/lib/services/tools/x", "@/lib/db/client", "@/lib/generated/prisma/client"];
    above.push(
      "@/lib/audit/record-audit",
      "@/lib/net/outbound-guard",
      "@/lib/auth/secret",
      "@/lib/web-session/options",
    );
    await expectRefused(files, above, "Foundations");
    const below = ["@/lib/authz/actor", "@/lib/schemas/parse", "@/lib/crypto/sha256", "@/lib/redaction/redact"];
    below.push("@/lib/errors", "@/lib/env", "@/lib/generated/prisma/enums", "zod", "node:net", "./x");
    await expectAllowed(files, below);
  });

  it("lets tests reach across layers to build their world", async () => {
    await expectAllowed(["lib/auth/x.test.ts", "lib/schemas/x.test.ts"], ["@/lib/services/auth/sign-out"]);
  });
});
