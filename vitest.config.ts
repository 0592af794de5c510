import { generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests sign checkpoints with a throwaway key, on PGlite and PostgreSQL alike.
const signingKey = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

const TEST_ROOTS = ["lib", "prisma", "scripts"];
const TEST_FILES = TEST_ROOTS.map((root) => `${root}/**/*.test.ts`);

/**
 * CI's PostgreSQL half (WARDEN_TEST_SCOPE=postgres) runs only the files that open a database: the files
 * that touch no database ran already in the PGlite half, and would run identically again.
 */
function testFiles(): string[] {
  if (process.env.WARDEN_TEST_SCOPE !== "postgres") return TEST_FILES;
  const opensDatabase = /lib\/testing\/test-database|DATABASE_URL/;
  return TEST_ROOTS.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: "utf8" }).map((name) => path.join(root, name)),
  ).filter((file) => file.endsWith(".test.ts") && opensDatabase.test(readFileSync(file, "utf8")));
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: testFiles(),
    environment: "node",
    // What the approval routes import: the handlers of registry requests (servers, tools) for approvals.
    setupFiles: ["lib/services/approvable-kinds.ts"],
    // Most files wait on servers and databases more than they compute: two files at once even on two cores
    // (vitest's default is one fewer than the cores, one file at a time here). Ports and databases are per file.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      PGLITE_DIR: "memory://",
      NEXTAUTH_SECRET: "vitest-only-secret-0123456789abcdef",
      WARDEN_SIGNING_KEY: signingKey,
    },
  },
});
