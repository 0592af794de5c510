import { randomBytes } from "node:crypto";
import { env, isEmbedded } from "@/lib/env";
import { box } from "./box";
import { fillDemoTraffic } from "@/lib/simulator/fill-demo";
import { seedDemo } from "@/prisma/seed/demo";
import { seedDemoReviews } from "@/prisma/seed/demo-reviews";
import { connection, db } from "@/lib/db/client";
import { migrateConfigured } from "@/lib/db/migrate";
import { checkpointDir } from "@/lib/audit/anchor-folder";
import { configuredTrustedKeys } from "@/lib/audit/trusted-keys";
import { systemActor } from "@/lib/authz/actor";
import { rehashToolDefinitions } from "@/lib/services/tools/rehash-tool-definitions";

/** The migration after which tool hashes cover the whole definition (title and output schema too). */
const FULL_TOOL_HASH_MIGRATION = "_hardening_approvals_least_privilege";

const holder = globalThis as typeof globalThis & { __wardenReady?: Promise<void> };

function printDemoUsers(users: { email: string; roles: string[] }[], password: string, generated: boolean) {
  console.log(
    box([
      "Warden demo organisation created. Sign in with any of:",
      "",
      ...users.map((u) => `  ${u.email.padEnd(26)} ${u.roles.join(", ")}`),
      "",
      `Password: ${password}`,
      ...(generated ? ["(generated; set WARDEN_DEMO_PASSWORD to choose one)"] : []),
    ]),
  );
}

async function bootstrap(): Promise<void> {
  const result = await migrateConfigured(connection());
  if (result.applied.length) console.log(`Applied migrations: ${result.applied.join(", ")}`);
  if (result.applied.some((m) => m.endsWith(FULL_TOOL_HASH_MIGRATION))) {
    const { rehashed } = await rehashToolDefinitions(systemActor("migration"));
    if (rehashed) console.log(`Re-hashed ${rehashed} tool definitions over their full definition.`);
  }
  const { WARDEN_SEED_DEMO, WARDEN_DEMO_PASSWORD, WARDEN_SIGNING_KEY } = env();
  if (!isEmbedded() && !WARDEN_SIGNING_KEY)
    console.warn("WARDEN_SIGNING_KEY is not set: signed audit checkpoints are off (the hash chain is still verified).");
  // A malformed WARDEN_TRUSTED_KEYS stops the start, rather than every later verification.
  configuredTrustedKeys();
  if (WARDEN_SIGNING_KEY && !checkpointDir())
    console.warn(
      "WARDEN_CHECKPOINT_DIR is not set: signed checkpoints stay in the database and the webhook stream only.",
    );
  const wantsDemo = WARDEN_SEED_DEMO === "always" || (WARDEN_SEED_DEMO === "auto" && isEmbedded());
  if (!wantsDemo || (await db().user.count()) > 0) return;
  const password = WARDEN_DEMO_PASSWORD ?? randomBytes(9).toString("base64url");
  printDemoUsers(await seedDemo(password), password, !WARDEN_DEMO_PASSWORD);
  // In the background: the console is usable at once, and the charts fill within a minute.
  console.log("  Filling 30 days of simulated gateway traffic in the background…");
  void fillDemoTraffic()
    .then((r) => console.log(`  Demo traffic ready: ${r.events} calls ingested in ${r.seconds.toFixed(0)} s.`))
    // The demo's access review starts once there is activity for its recommendations to read.
    .then(() => seedDemoReviews())
    .then(() => console.log("  Demo access review started, partly done."))
    .catch((error) => console.error("Demo traffic failed", error));
}

/** Migrates, and on a first embedded start seeds the demo organisation. Safe to call many times. */
export function ensureDatabase(): Promise<void> {
  holder.__wardenReady ??= bootstrap().catch((error) => {
    holder.__wardenReady = undefined;
    throw error;
  });
  return holder.__wardenReady;
}
