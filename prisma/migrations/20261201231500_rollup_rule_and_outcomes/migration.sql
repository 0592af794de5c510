-- AlterTable
ALTER TABLE "ToolCallRollup" DROP CONSTRAINT "ToolCallRollup_pkey",
ADD COLUMN     "rule" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "ToolCallRollup_pkey" PRIMARY KEY ("hour", "server", "tool", "agent", "outcome", "rule");

-- AlterTable
ALTER TABLE "ToolCallRollupDaily" DROP CONSTRAINT "ToolCallRollupDaily_pkey",
ADD COLUMN     "rule" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "ToolCallRollupDaily_pkey" PRIMARY KEY ("hour", "server", "tool", "agent", "outcome", "rule");


-- One outcome vocabulary: ingest now stores "deny" and "pending" (rollups are derived data, safe to rename;
-- audit rows keep their spelling, since they are hash-chained, and the explorer's filter matches both).
UPDATE "ToolCallRollup" SET outcome = 'deny' WHERE outcome = 'denied';
UPDATE "ToolCallRollup" SET outcome = 'pending' WHERE outcome = 'pending_approval';
UPDATE "ToolCallRollupDaily" SET outcome = 'deny' WHERE outcome = 'denied';
UPDATE "ToolCallRollupDaily" SET outcome = 'pending' WHERE outcome = 'pending_approval';

-- Latency histograms move to log-scale buckets: the old coarse buckets cannot be split, so they are cleared.
UPDATE "ToolCallRollup" SET "latencyBuckets" = '{}';
UPDATE "ToolCallRollupDaily" SET "latencyBuckets" = '{}';
