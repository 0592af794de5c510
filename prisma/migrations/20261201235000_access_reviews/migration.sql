-- CreateEnum
CREATE TYPE "ReviewCampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReviewDefaultAction" AS ENUM ('KEEP', 'REVOKE');

-- CreateEnum
CREATE TYPE "ReviewCadence" AS ENUM ('MONTHLY', 'QUARTERLY', 'SEMI_ANNUAL', 'YEARLY');

-- CreateEnum
CREATE TYPE "ReviewItemKind" AS ENUM ('GRANT', 'CREDENTIAL', 'OWNERSHIP');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('OPEN', 'DECIDED', 'DEFAULTED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('CERTIFY', 'REVOKE', 'MODIFY', 'KEEP');

-- CreateTable
CREATE TABLE "ReviewSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "scheduleEnabled" BOOLEAN NOT NULL DEFAULT false,
    "cadence" "ReviewCadence" NOT NULL DEFAULT 'QUARTERLY',
    "dayOfPeriod" INTEGER NOT NULL DEFAULT 1,
    "dueInDays" INTEGER NOT NULL DEFAULT 30,
    "defaultAction" "ReviewDefaultAction" NOT NULL DEFAULT 'KEEP',
    "certifyNeedsJustification" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "defaultAction" "ReviewDefaultAction" NOT NULL DEFAULT 'KEEP',
    "status" "ReviewCampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scheduled" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "createdByLabel" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "startedByLabel" TEXT,
    "populationHash" TEXT,
    "populationQuery" JSONB,
    "populationCount" INTEGER,
    "defaultAppliedAt" TIMESTAMPTZ(3),
    "signedOffAt" TIMESTAMPTZ(3),
    "signedOffById" UUID,
    "signedOffByLabel" TEXT,
    "signOffStatement" TEXT,
    "signOffSequence" BIGINT,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "kind" "ReviewItemKind" NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "serverId" UUID NOT NULL,
    "serverSlug" TEXT NOT NULL,
    "grantId" UUID,
    "credentialId" UUID,
    "agentClientId" TEXT,
    "snapshot" JSONB NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "recommendations" JSONB NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "reviewerOfRecordId" UUID,
    "reviewerOfRecordLabel" TEXT NOT NULL,
    "assigneeId" UUID,
    "assigneeTeamId" UUID,
    "assignment" TEXT NOT NULL,
    "conflictUserIds" TEXT[],
    "selfReviewRerouted" BOOLEAN NOT NULL DEFAULT false,
    "reassignedFromLabel" TEXT,
    "reassignedByLabel" TEXT,
    "reassignReason" TEXT,
    "reassignedAt" TIMESTAMPTZ(3),
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'OPEN',
    "decision" "ReviewDecision",
    "justification" TEXT,
    "changes" JSONB,
    "decidedById" UUID,
    "decidedByLabel" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionSequence" BIGINT,
    "remediatedAt" TIMESTAMPTZ(3),
    "remediationSequence" BIGINT,
    "remediationNote" TEXT,
    "exception" BOOLEAN NOT NULL DEFAULT false,
    "exceptionReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewReminder" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "openItems" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCampaign_status_dueAt_idx" ON "ReviewCampaign"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewCampaign_period_scopeKey_idx" ON "ReviewCampaign"("period", "scopeKey");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_status_idx" ON "ReviewItem"("campaignId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_assigneeId_status_idx" ON "ReviewItem"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_assigneeTeamId_status_idx" ON "ReviewItem"("assigneeTeamId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_campaignId_subjectKey_key" ON "ReviewItem"("campaignId", "subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewReminder_campaignId_userId_stage_key" ON "ReviewReminder"("campaignId", "userId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewReminder_userId_day_key" ON "ReviewReminder"("userId", "day");

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
