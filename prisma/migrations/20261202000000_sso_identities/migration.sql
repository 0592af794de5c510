-- CreateEnum
CREATE TYPE "SsoLinkMethod" AS ENUM ('PROVISIONED', 'PASSWORD', 'ADMIN');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "rolesManagedBy" TEXT;

-- CreateTable
CREATE TABLE "SsoIdentity" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "email" TEXT,
    "linkedBy" "SsoLinkMethod" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),

    CONSTRAINT "SsoIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoLinkOffer" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SsoLinkOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SsoIdentity_userId_idx" ON "SsoIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoIdentity_issuer_subject_key" ON "SsoIdentity"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLinkOffer_tokenHash_key" ON "SsoLinkOffer"("tokenHash");

-- CreateIndex
CREATE INDEX "SsoLinkOffer_userId_idx" ON "SsoLinkOffer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLinkOffer_issuer_subject_key" ON "SsoLinkOffer"("issuer", "subject");

-- AddForeignKey
ALTER TABLE "SsoIdentity" ADD CONSTRAINT "SsoIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoLinkOffer" ADD CONSTRAINT "SsoLinkOffer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
