-- CreateTable
CREATE TABLE "JobLease" (
    "name" VARCHAR(120) NOT NULL,
    "holder" VARCHAR(200) NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL,
    "renewedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "JobLeaseAcquisition" (
    "id" BIGSERIAL NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "holder" VARCHAR(200) NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL,
    "previousHolder" VARCHAR(200),
    "previousExpiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "JobLeaseAcquisition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobLeaseAcquisition_name_acquiredAt_idx" ON "JobLeaseAcquisition"("name", "acquiredAt");
