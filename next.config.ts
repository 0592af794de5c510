import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * HSTS on every response that reached Warden over https, build assets and `/favicon.ico` included (the
 * proxy does not run for those). Warden serves plain HTTP itself, so https means a TLS-terminating proxy
 * said so in X-Forwarded-Proto (its first entry: the client's side). Browsers ignore the header on plain
 * http (RFC 6797 §8.1), so a client that claims https over http gains nothing.
 */
const overHttps = { type: "header" as const, key: "x-forwarded-proto", value: "https(?:\\s*,.*)?" };
const hsts = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

const nextConfig: NextConfig = {
  // Native and WASM database drivers must load from node_modules at run time, not be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    // pdfkit reads its font metrics from its own folder at run time.
    "pdfkit",
    // The poisoning detector's English model (3.8 MB of JS data) loads once at run time, not per bundle.
    "wink-nlp",
    "wink-eng-lite-web-model",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm run typecheck` checks types in CI and before every commit; a second pass inside `next build`
  // added about a fifth to the first start's build time for nothing.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/:path*", has: [overHttps], headers: [hsts] },
    ];
  },
};

export default nextConfig;
