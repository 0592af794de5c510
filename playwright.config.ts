import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PASSWORD = process.env.E2E_PASSWORD ?? "e2e-password-123";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? "line" : "list",
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "main", testIgnore: /(org-wide|fuzz)\// },
    // Org-wide switches and tampering would disturb specs running beside them: they run alone, last.
    { name: "org-wide", testMatch: /org-wide\/.*\.spec\.ts/, dependencies: ["main"], fullyParallel: false },
    // The route fuzzer counts rows between batches: nothing else may write meanwhile (`npm run fuzz` runs it alone).
    { name: "fuzz", testMatch: /fuzz\/.*\.spec\.ts/, dependencies: ["org-wide"], fullyParallel: false },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${port}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { E2E_PORT: String(port), E2E_PASSWORD },
  },
});
