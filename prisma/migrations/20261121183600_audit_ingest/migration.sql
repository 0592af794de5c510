-- DropIndex
DROP INDEX "AuditEvent_category_occurredAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_occurredAt_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "agent" TEXT,
ADD COLUMN     "eventId" TEXT,
ADD COLUMN     "onBehalfOf" TEXT,
ADD COLUMN     "server" TEXT,
ADD COLUMN     "sessionId" TEXT,
ADD COLUMN     "tool" TEXT;

-- AlterTable
ALTER TABLE "OrgSettings" ADD COLUMN     "businessEndHour" INTEGER NOT NULL DEFAULT 19,
ADD COLUMN     "businessStartHour" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "businessTimezone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ToolCallRollup" (
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

    CONSTRAINT "ToolCallRollup_pkey" PRIMARY KEY ("hour","server","tool","agent","outcome")
);

-- CreateTable
CREATE TABLE "DecisionRollup" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "server" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DecisionRollup_pkey" PRIMARY KEY ("hour","server","outcome","rule")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_sequence_idx" ON "AuditCheckpoint"("sequence");

-- CreateIndex
CREATE INDEX "ToolCallRollup_server_hour_idx" ON "ToolCallRollup"("server", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_eventId_key" ON "AuditEvent"("eventId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_sequence_idx" ON "AuditEvent"("occurredAt", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_category_occurredAt_sequence_idx" ON "AuditEvent"("category", "occurredAt", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_server_occurredAt_sequence_idx" ON "AuditEvent"("server", "occurredAt", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_agent_occurredAt_sequence_idx" ON "AuditEvent"("agent", "occurredAt", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_tool_occurredAt_sequence_idx" ON "AuditEvent"("tool", "occurredAt", "sequence");

-- CreateIndex
CREATE INDEX "AuditEvent_onBehalfOf_occurredAt_sequence_idx" ON "AuditEvent"("onBehalfOf", "occurredAt", "sequence");

-- AddForeignKey
ALTER TABLE "AuditCheckpoint" ADD CONSTRAINT "AuditCheckpoint_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Checkpoints are evidence too: append-only, like the chain they sign.
CREATE TRIGGER "AuditCheckpoint_append_only"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION warden_audit_append_only();
