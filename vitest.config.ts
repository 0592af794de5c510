import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests sign checkpoints with a throwaway key, on PGlite and PostgreSQL alike.
const signingKey = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // What the approval routes import: the handlers of registry requests (servers, tools) for approvals.
    setupFiles: ["lib/services/approvable-kinds.ts"],
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
