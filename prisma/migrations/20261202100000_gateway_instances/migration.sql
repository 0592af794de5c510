-- CreateTable
CREATE TABLE "GatewayInstance" (
    "id" UUID NOT NULL,
    "gatewayId" VARCHAR(120) NOT NULL,
    "tokenId" UUID NOT NULL,
    "upstreams" TEXT[],
    "bundleEtag" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GatewayInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GatewayInstance_gatewayId_key" ON "GatewayInstance"("gatewayId");

-- CreateIndex
CREATE INDEX "GatewayInstance_tokenId_idx" ON "GatewayInstance"("tokenId");

-- CreateIndex
CREATE INDEX "GatewayInstance_lastSeenAt_idx" ON "GatewayInstance"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "GatewayInstance" ADD CONSTRAINT "GatewayInstance_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
