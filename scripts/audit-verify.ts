import { systemActor } from "@/lib/authz/actor";
import { verifyAudit } from "@/lib/services/audit/verify-audit";
import { runScript } from "./lib/script-db";

await runScript(async () => {
  const r = await verifyAudit(systemActor("cli:audit-verify"));
  if (r.ok) {
    console.log(
      `OK: ${r.checked} audit records and ${r.checkpoints} signed checkpoints verified in ${r.durationMs} ms${r.head ? `; head #${r.head.sequence} ${r.head.hash}` : ""}`,
    );
    return 0;
  }
  console.error(`FAILED at sequence ${r.sequence}: ${r.problem}. ${r.detail}`);
  return 2;
});
