-- CreateTable
CREATE TABLE "ToolCallRollupDaily" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "server" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "recordsSum" BIGINT NOT NULL DEFAULT 0,
    "bytesSum" BIGINT NOT NULL DEFAULT 0,
    "latencySum" BIGINT NOT NULL DEFAULT 0,
    "latencyBuckets" INTEGER[],

    CONSTRAINT "ToolCallRollupDaily_pkey" PRIMARY KEY ("hour","server","tool","agent","outcome")
);

