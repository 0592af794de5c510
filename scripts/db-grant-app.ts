import { appRoleGrants } from "@/lib/db/app-role";
import { connectPostgres } from "@/lib/db/connection";
import { env } from "@/lib/env";
import { args } from "./lib/args";

// npm run db:grant-app -- --role warden_app
// Run as the tables' owner (DATABASE_MIGRATE_URL, else DATABASE_URL) after migrating: lets the role run
// Warden as DATABASE_URL while it may only INSERT and SELECT the audit tables. Safe to run again.
const { role } = args({ role: { type: "string" } });
const { DATABASE_MIGRATE_URL, DATABASE_URL } = env();
const url = DATABASE_MIGRATE_URL ?? DATABASE_URL;
if (!role || !url) {
  console.error("Usage: DATABASE_MIGRATE_URL=postgresql://owner@… npm run db:grant-app -- --role ROLE");
  process.exit(1);
}
const owner = connectPostgres(url, 1);
try {
  await owner.withSession((s) => s.exec(appRoleGrants(role)));
  console.log(`${role} may now run Warden; it may only INSERT and SELECT the audit tables.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await owner.close();
}
