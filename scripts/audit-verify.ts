import { existsSync } from "node:fs";
import path from "node:path";
import { verifySummary } from "@/lib/audit/verify-report";
import { systemActor } from "@/lib/authz/actor";
import { verifyAudit } from "@/lib/services/audit/verify-audit";
import { args } from "./lib/args";
import { runScript } from "./lib/script-db";

// npm run audit:verify [-- --anchors DIR --full]: the chain, against the trusted keys and the anchored
// checkpoints (WARDEN_CHECKPOINT_DIR by default). Starts from the newest trusted checkpoint and checks what
// follows it; --full checks from the first record (tampering before that checkpoint is found only so).
// Exit 0 when it holds, 2 when it was tampered with, 1 on error.
const opts = args({ anchors: { type: "string" }, full: { type: "boolean" } });

await runScript(async () => {
  const anchorsDir = opts.anchors ? path.resolve(opts.anchors) : undefined;
  // A folder named on the command line that is not there is a mistake, not "nothing anchored yet".
  if (anchorsDir && !existsSync(anchorsDir)) throw new Error(`The anchors folder ${anchorsDir} does not exist`);
  const r = await verifyAudit(systemActor("cli:audit-verify"), { anchorsDir, incremental: !opts.full });
  for (const note of r.notes) console.error(`note: ${note}`);
  if (r.ok) {
    console.log(verifySummary(r));
    return 0;
  }
  console.error(verifySummary(r));
  return 2;
});
