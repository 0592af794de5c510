import { existsSync } from "node:fs";
import path from "node:path";
import { configuredTrustedKeys } from "@/lib/audit/trusted-keys";
import { verifyArchive } from "@/lib/audit/verify-archive";
import { verifySummary } from "@/lib/audit/verify-report";
import { systemActor } from "@/lib/authz/actor";
import { archiveFailure, verifyAudit } from "@/lib/services/audit/verify-audit";
import { args } from "./lib/args";
import { runScript } from "./lib/script-db";

// npm run audit:verify [-- --anchors DIR --full --archive DIR --offline]: the chain, against the trusted keys and
// the anchored checkpoints (WARDEN_CHECKPOINT_DIR by default). Starts from the newest trusted checkpoint and checks
// what follows it; --full checks from the first record (tampering before that checkpoint is found only so), or
// after dropped months from the last seal. --archive DIR first checks the sealed months archived there; with
// --offline only them, without opening the database. Exit 0 when it holds, 2 when it was tampered with, 1 on error.
const opts = args({
  anchors: { type: "string" },
  full: { type: "boolean" },
  archive: { type: "string" },
  offline: { type: "boolean" },
});

const anchorsDir = opts.anchors ? path.resolve(opts.anchors) : undefined;
const archiveDir = opts.archive ? path.resolve(opts.archive) : undefined;
// A folder named on the command line that is not there is a mistake, not "nothing anchored yet".
for (const [what, dir] of [
  ["anchors", anchorsDir],
  ["archive", archiveDir],
] as const) {
  if (dir && !existsSync(dir)) {
    console.error(`The ${what} folder ${dir} does not exist`);
    process.exit(1);
  }
}

if (opts.offline) {
  if (!archiveDir) {
    console.error("--offline checks an archive folder: pass --archive DIR");
    process.exit(1);
  }
  const r = await verifyArchive(archiveDir, configuredTrustedKeys());
  if (r.ok)
    console.log(
      `OK: ${r.rows} archived records in ${r.months.length} sealed months verified (${r.months.join(", ") || "none"})`,
    );
  else console.error(verifySummary(archiveFailure(r)));
  process.exit(r.ok ? 0 : 2);
}

await runScript(async () => {
  const r = await verifyAudit(systemActor("cli:audit-verify"), { anchorsDir, archiveDir, incremental: !opts.full });
  for (const note of r.notes) console.error(`note: ${note}`);
  if (r.ok) {
    console.log(verifySummary(r));
    return 0;
  }
  console.error(verifySummary(r));
  return 2;
});
