import { checkpointDir } from "@/lib/audit/anchor-folder";
import { configuredTrustedKeys } from "@/lib/audit/trusted-keys";
import { verifyArchive } from "@/lib/audit/verify-archive";
import { verifyChain, type VerifyResult } from "@/lib/audit/verify-chain";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/**
 * Verifies the chain against the trusted keys and the anchors folder (WARDEN_CHECKPOINT_DIR unless given),
 * from the first record, or with `incremental` from the newest trusted checkpoint on. With `archiveDir`, the
 * archived months first (offline, from their files), then the live chain continuing from the last seal, every
 * seal in the database matching the archive's.
 */
export async function verifyAudit(
  actor: Actor,
  options: { anchorsDir?: string; incremental?: boolean; archiveDir?: string } = {},
) {
  assertCan(actor, "audit.verify");
  const startedAt = Date.now();
  const done = (result: VerifyResult, archive?: { months: number; rows: number }) => ({
    ...result,
    archive,
    durationMs: Date.now() - startedAt,
    verifiedAt: new Date().toISOString(),
  });
  const trusted = configuredTrustedKeys();
  const archive = options.archiveDir ? await verifyArchive(options.archiveDir, trusted) : null;
  if (archive && !archive.ok) return done(archiveFailure(archive));
  const result = await verifyChain(db(), {
    anchorsDir: options.anchorsDir ?? checkpointDir(),
    incremental: options.incremental,
    trusted,
    archived: archive?.seals,
  });
  return done(result, archive ? { months: archive.months.length, rows: archive.rows } : undefined);
}

export const archiveFailure = (a: { month: string; file: string; detail: string }): VerifyResult => ({
  ok: false,
  checked: 0,
  sequence: "",
  problem: "archive",
  detail: a.month ? `archived month ${a.month}: ${a.detail}` : a.detail,
  notes: [],
});
