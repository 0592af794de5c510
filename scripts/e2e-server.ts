import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { closeConnection } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { E2E_PUBLISHED_KEY, seedE2eUsers } from "@/e2e/support/users";
import { ensureBuild } from "./lib/ensure-build";
import { createAppRole } from "./lib/app-role";
import { freshDatabase } from "./lib/fresh-database";
import { serve } from "./lib/serve";

// Playwright's web server: a production build on a fresh database of its own (PGlite folder, or a
// new PostgreSQL database when DATABASE_URL is set), with one user per role, then `next start`.
const port = Number(process.env.E2E_PORT ?? 3100);
const password = process.env.E2E_PASSWORD ?? "e2e-password-123";

ensureBuild();
process.env.WARDEN_SEED_DEMO = "never";
const db = await freshDatabase("warden_e2e", process.env.DATABASE_URL);
mkdirSync(".data", { recursive: true });
// On PostgreSQL the server runs as a role that may only INSERT and SELECT the audit tables, and
// migrates as the owner: every spec proves Warden needs no more. Tampering specs use the owner's URL.
const ownerUrl = process.env.DATABASE_URL ?? "";
let dropRole = async () => {};
if (db.kind === "postgres") {
  const role = await createAppRole(ownerUrl, `warden_e2e_app_${Date.now()}`);
  process.env.DATABASE_MIGRATE_URL = ownerUrl;
  process.env.DATABASE_URL = role.url;
  dropRole = role.drop;
  process.env.WARDEN_CHECKPOINT_DIR = ".data/warden_e2e-checkpoints";
  rmSync(process.env.WARDEN_CHECKPOINT_DIR, { recursive: true, force: true });
}
// PostgreSQL deployments bring their own checkpoint key; the e2e server makes one for itself.
process.env.WARDEN_SIGNING_KEY ??= generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
// The key the e2e "administrator" publishes: specs verify evidence packs against it, never the pack's own copy.
writeFileSync(
  E2E_PUBLISHED_KEY,
  createPublicKey(createPrivateKey(process.env.WARDEN_SIGNING_KEY.replace(/\\n/g, "\n"))).export({
    type: "spki",
    format: "pem",
  }),
);
await ensureDatabase();
await seedE2eUsers(password);
// Specs that tamper with the database (PostgreSQL only: a PGlite folder belongs to the server) find it here.
writeFileSync(".data/e2e-database-url", ownerUrl);
await closeConnection();

const child = await serve(port, { inherit: true });
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  await db.drop().catch(() => {});
  await dropRole().catch(() => {});
  process.exit(code ?? 0);
});
