-- CreateTable
CREATE TABLE "RateLimitCount" (
    "key" VARCHAR(200) NOT NULL,
    "second" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("key","second")
);

-- CreateTable
CREATE TABLE "RateLimitInstance" (
    "id" VARCHAR(200) NOT NULL,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RateLimitInstance_syncedAt_idx" ON "RateLimitInstance"("syncedAt");
