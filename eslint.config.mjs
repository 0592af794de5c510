import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { wardenPlugin } from "./scripts/lint/own-internals.mjs";

// Layers import downward only (docs/architecture.md). Tests may reach across layers to set up their world.
const tests = ["**/*.test.ts", "e2e/**"];
const httpLayer = {
  group: ["@/lib/api", "@/lib/api/*", "@/app/*"],
  message:
    "lib/api is the HTTP layer at the top: code below it throws AppError from @/lib/errors and parses with @/lib/schemas/parse.",
};
const startup = {
  group: ["@/lib/startup/*", "@/lib/simulator/*", "@/prisma/seed/*"],
  message:
    "Start-up work (migrate, seed, demo traffic, clocks) sits above the services: only instrumentation.ts and scripts call it.",
};
const internals = {
  group: ["@/lib/services/*/internal/*"],
  message:
    "Helpers in lib/services/<domain>/internal/ write without a permission check: call the service entry point instead.",
};
// The gateway talks to Warden over HTTP: it never opens the database (types may still be shared).
const gatewayProcess = {
  group: [
    "@/lib/db",
    "@/lib/db/*",
    "@/lib/services/*",
    "@/lib/generated/*",
    "@/lib/startup/*",
    "@/lib/auth/*",
    "@/lib/web-session/*",
  ],
  allowTypeImports: true,
  message: "The gateway process talks to Warden over HTTP only: no database, services or sessions.",
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

// Layers below the HTTP layer (issue 23). A later block's no-restricted-imports replaces an earlier one's for the
// same file, so each block below repeats the HTTP and start-up patterns the lib/** block holds.
const services = {
  group: ["@/lib/services", "@/lib/services/*"],
  message: "The services sit above this folder: it holds rules and helpers the services call, never the other way.",
};
const webSession = {
  group: ["@/lib/web-session", "@/lib/web-session/*"],
  message: "lib/web-session is the next-auth adapter, above the services: only pages, lib/api and app/ use it.",
};
const authHelpers = {
  group: [...services.group, ...webSession.group],
  message:
    "lib/auth holds pure sign-in helpers the services use; the next-auth adapter that calls services lives in lib/web-session.",
};
const FOUNDATIONS = ["authz", "schemas", "errors", "env", "server-stopping", "crypto", "redaction"];
const foundationsOnly = {
  group: [
    "@/lib/*",
    ...FOUNDATIONS.flatMap((name) => [`!@/lib/${name}`, `!@/lib/${name}/*`]),
    "!@/lib/generated",
    "@/lib/generated/*",
    "!@/lib/generated/prisma",
    "@/lib/generated/prisma/*",
    "!@/lib/generated/prisma/enums",
  ],
  message:
    "Foundations (lib/authz, lib/schemas, lib/crypto, lib/redaction, lib/errors, lib/env, lib/server-stopping) import only each other, the generated Prisma enums and packages.",
};

const config = tseslint.config(
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      // The MCP conformance suite's reference server, kept as its repository has it (see its SOURCE.md).
      "e2e/conformance/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/api/**", "lib/startup/**", "lib/simulator/**", ...tests],
    rules: restrict(httpLayer, startup),
  },
  { files: ["components/**"], rules: restrict(httpLayer, startup, internals) },
  {
    files: ["lib/gateway/**", "scripts/gateway.ts"],
    ignores: tests,
    rules: restrict(httpLayer, startup, gatewayProcess),
  },
  { files: ["app/**"], rules: restrict(internals, startup) },
  {
    files: ["lib/db/**"],
    ignores: tests,
    rules: restrict(
      {
        group: [
          "@/lib/*",
          "!@/lib/db",
          "!@/lib/db/*",
          "!@/lib/env",
          "!@/lib/errors",
          "!@/lib/generated",
          "!@/lib/generated/**",
        ],
        message: "lib/db is the bottom layer: it may import only lib/env, lib/errors and the generated Prisma client.",
      },
      httpLayer,
      startup,
    ),
  },
  // Service internals: only lib/services/<domain>/** imports lib/services/<domain>/internal/**, and only
  // services import a domain's shared/ (scripts/lint/own-internals.mjs). Its own rule, so it adds to the
  // no-restricted-imports blocks above instead of replacing them.
  {
    files: ["**/*.{ts,tsx,mts,mjs,js}"],
    ignores: tests,
    plugins: { warden: wardenPlugin },
    rules: { "warden/own-internals": "error" },
  },
  // Layers (issue 23): lib/auth below the services, services below the web session, domain rules below the
  // services, foundations at the bottom.
  { files: ["lib/auth/**"], ignores: tests, rules: restrict(authHelpers, httpLayer, startup) },
  { files: ["lib/services/**"], ignores: tests, rules: restrict(webSession, httpLayer, startup) },
  {
    files: [
      ...["approvals", "audit", "evidence", "findings", "ingest", "otlp", "policy", "registry", "reviews", "siem"].map(
        (domain) => `lib/${domain}/**`,
      ),
      ...["webhooks", "net", "http"].map((folder) => `lib/${folder}/**`),
    ],
    ignores: tests,
    rules: restrict(services, webSession, httpLayer, startup),
  },
  {
    files: [
      ...["authz", "schemas", "crypto", "redaction"].map((folder) => `lib/${folder}/**`),
      ...["errors", "env", "server-stopping"].map((file) => `lib/${file}.ts`),
    ],
    ignores: tests,
    rules: restrict(foundationsOnly, httpLayer, startup),
  },
);

export default config;
