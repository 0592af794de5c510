import { applyAuditRetention } from "@/lib/services/audit/audit-retention";
import { runScript } from "./lib/script-db";

// npm run audit:retention: seals, archives and drops the audit months past retention now, as the daily job does,
// but as the database's owner (DATABASE_MIGRATE_URL when set): only the owner may drop a month unless a deployment
// grants the application's role warden_audit_drop_month (docs/operations.md, "Audit retention"). Run it from the
// scheduler that runs migrations. Exit 0 when nothing was held back, 1 when retention could not run.
if (process.env.DATABASE_MIGRATE_URL) process.env.DATABASE_URL = process.env.DATABASE_MIGRATE_URL;

await runScript(async () => {
  const r = await applyAuditRetention();
  console.log(`sealed: ${r.sealed.join(", ") || "none"}; dropped: ${r.dropped.join(", ") || "none"}`);
  if (r.skipped) console.error(`held back: ${r.skipped}`);
  return r.skipped ? 1 : 0;
});
