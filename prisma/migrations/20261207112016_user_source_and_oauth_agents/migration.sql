-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "assertsUsers" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "oauthClientId" TEXT;

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "userSource" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "userSource" TEXT;

-- AlterTable
ALTER TABLE "GatewayInstance" ADD COLUMN     "authMode" TEXT,
ADD COLUMN     "oauthIssuer" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Agent_oauthClientId_key" ON "Agent"("oauthClientId");
