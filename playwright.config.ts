import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PASSWORD = process.env.E2E_PASSWORD ?? "e2e-password-123";
/** A real OpenID Connect provider (e2e/support/oidc-provider.ts) that Warden's single sign-on uses. */
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? port + 10)}`;
const oidc = { E2E_OIDC_CLIENT_ID: "warden-e2e", E2E_OIDC_CLIENT_SECRET: "warden-e2e-client-secret" };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // Two: on the idle 2-core CI machine four were no faster (8.6 min against 8.3 for the main project), and they
  // made requests slow enough for a timing-bound spec to flake. E2E_WORKERS sets it on a machine with more cores.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: process.env.CI ? "line" : "list",
  // A journey on a cold production server, with three other specs beside it on a busy 2-core machine.
  timeout: 60_000,
  // A first sign-in on a cold production server can take several seconds on a busy 2-core machine.
  expect: { timeout: 15_000 },
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
  webServer: [
    {
      command: "npx tsx e2e/support/oidc-provider.ts",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_PORT: String(port), E2E_OIDC_PORT: new URL(E2E_OIDC_ISSUER).port, ...oidc },
    },
    {
      command: "npx tsx scripts/e2e-server.ts",
      url: `http://127.0.0.1:${port}/login`,
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        E2E_PORT: String(port),
        E2E_PASSWORD,
        OIDC_ISSUER: E2E_OIDC_ISSUER,
        OIDC_CLIENT_ID: oidc.E2E_OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET: oidc.E2E_OIDC_CLIENT_SECRET,
        OIDC_SCOPES: "openid email profile groups",
        OIDC_ROLE_MAP: "e2e-sec-admins=ADMIN,e2e-approvers=APPROVER",
        // The SIEM spec's target is a closed loopback port: outbound calls reach loopback only where named.
        WARDEN_OUTBOUND_ALLOW: "127.0.0.1:9",
        // e2e/sign-in-hardening.spec.ts sends from 127.0.0.2 as a reverse proxy; browsers (127.0.0.1) stay clients.
        WARDEN_TRUSTED_PROXIES: "127.0.0.2",
      },
    },
  ],
});
