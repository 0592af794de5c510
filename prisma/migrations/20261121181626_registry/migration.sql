-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('DEV', 'STAGING', 'PROD');

-- CreateEnum
CREATE TYPE "Transport" AS ENUM ('STDIO', 'STREAMABLE_HTTP', 'SSE');

-- CreateEnum
CREATE TYPE "Hosting" AS ENUM ('SELF_HOSTED', 'VENDOR_HOSTED');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "ServerStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'RETIRED');

-- CreateEnum
CREATE TYPE "CredentialProvider" AS ENUM ('HASHICORP_VAULT', 'AWS_SECRETS_MANAGER', 'AZURE_KEY_VAULT', 'GCP_SECRET_MANAGER', 'ENV_VAR', 'OTHER');

-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('OAUTH_TOKEN', 'API_KEY', 'DB_PASSWORD', 'SERVICE_ACCOUNT', 'CERTIFICATE');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "ToolStatus" AS ENUM ('PENDING_REVIEW', 'APPROVED');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "GrantSource" AS ENUM ('STANDING', 'JIT');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'REVOKED');

-- CreateTable
CREATE TABLE "McpServer" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerTeamId" UUID,
    "primaryOwnerId" UUID,
    "environment" "Environment" NOT NULL,
    "transport" "Transport" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "hosting" "Hosting" NOT NULL DEFAULT 'SELF_HOSTED',
    "vendor" TEXT,
    "version" TEXT,
    "dataClassification" "DataClassification",
    "tags" TEXT[],
    "sessionTimeoutMinutes" INTEGER,
    "requiresActiveSession" BOOLEAN NOT NULL DEFAULT false,
    "highRiskApproval" BOOLEAN NOT NULL DEFAULT true,
    "rateLimitPerMinute" INTEGER,
    "maxRecordsPerCall" INTEGER,
    "auditRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "logAllCalls" BOOLEAN NOT NULL DEFAULT true,
    "logResponseSummary" BOOLEAN NOT NULL DEFAULT false,
    "siemForward" TEXT,
    "allowedObjects" TEXT[],
    "allowedOperations" TEXT[],
    "deniedFields" TEXT[],
    "status" "ServerStatus" NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "policyVersion" TEXT NOT NULL DEFAULT '',
    "readinessOverride" TEXT,
    "readinessOverrideById" UUID,
    "readinessOverrideAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "McpServer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialRef" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "provider" "CredentialProvider" NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "oauthScopes" TEXT[],
    "rotationDays" INTEGER NOT NULL,
    "lastRotatedAt" TIMESTAMPTZ(3),
    "dynamicSecret" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMPTZ(3),
    "environment" "Environment" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CredentialRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tool" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "inputSchema" JSONB NOT NULL,
    "annotations" JSONB,
    "definitionHash" TEXT NOT NULL,
    "approvedHash" TEXT,
    "approvedDefinition" JSONB,
    "status" "ToolStatus" NOT NULL DEFAULT 'PENDING_REVIEW',
    "risk" "RiskLevel" NOT NULL,
    "riskOverride" "RiskLevel",
    "riskOverrideReason" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "requiresApproval" BOOLEAN NOT NULL,
    "suspendedReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "ownerId" UUID,
    "teamId" UUID,
    "status" "AgentStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "allowedTools" TEXT[],
    "allowedOperations" TEXT[],
    "allowedObjects" TEXT[],
    "deniedFields" TEXT[],
    "maxRecords" INTEGER,
    "validFrom" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "source" "GrantSource" NOT NULL DEFAULT 'STANDING',
    "status" "GrantStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "grantedById" UUID,
    "lastReviewedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pauseReason" TEXT,
    "pausedAt" TIMESTAMPTZ(3),
    "pausedBy" TEXT,
    "registryVersion" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrgSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "McpServer_slug_key" ON "McpServer"("slug");

-- CreateIndex
CREATE INDEX "McpServer_status_idx" ON "McpServer"("status");

-- CreateIndex
CREATE INDEX "McpServer_ownerTeamId_idx" ON "McpServer"("ownerTeamId");

-- CreateIndex
CREATE INDEX "CredentialRef_serverId_idx" ON "CredentialRef"("serverId");

-- CreateIndex
CREATE INDEX "CredentialRef_reference_idx" ON "CredentialRef"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_serverId_name_key" ON "Tool"("serverId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_clientId_key" ON "Agent"("clientId");

-- CreateIndex
CREATE INDEX "Grant_agentId_idx" ON "Grant"("agentId");

-- CreateIndex
CREATE INDEX "Grant_serverId_idx" ON "Grant"("serverId");

-- AddForeignKey
ALTER TABLE "McpServer" ADD CONSTRAINT "McpServer_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "McpServer" ADD CONSTRAINT "McpServer_primaryOwnerId_fkey" FOREIGN KEY ("primaryOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialRef" ADD CONSTRAINT "CredentialRef_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "McpServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
