-- AlterEnum
ALTER TYPE "ApprovalKind" ADD VALUE 'POLICY_CHANGE';

-- AlterEnum
ALTER TYPE "ApprovalStatus" ADD VALUE 'BREAK_GLASS';

-- DropIndex
DROP INDEX "ApprovalRequest_agentId_serverId_toolName_argsHash_policyVe_idx";

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "registeredById" UUID;

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "breakGlassById" UUID,
ADD COLUMN     "breakGlassReason" TEXT,
ADD COLUMN     "change" JSONB;

-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "limitArgument" TEXT,
ADD COLUMN     "objectArgument" TEXT,
ADD COLUMN     "outputSchema" JSONB,
ADD COLUMN     "queryArgument" TEXT;

-- CreateTable
CREATE TABLE "SessionSensitiveRead" (
    "sessionId" TEXT NOT NULL,
    "eventId" TEXT,
    "agent" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "tool" TEXT,
    "onBehalfOf" TEXT,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionSensitiveRead_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE INDEX "SessionSensitiveRead_readAt_idx" ON "SessionSensitiveRead"("readAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_agentId_serverId_toolName_argsHash_policyVe_idx" ON "ApprovalRequest"("agentId", "serverId", "toolName", "argsHash", "policyVersion", "onBehalfOf");

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Approvals now bind to the on-behalf-of user, compared in lower case.
UPDATE "ApprovalRequest" SET "onBehalfOf" = lower("onBehalfOf") WHERE "onBehalfOf" IS NOT NULL AND "onBehalfOf" <> lower("onBehalfOf");
