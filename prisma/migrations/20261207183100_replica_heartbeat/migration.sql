-- CreateTable
CREATE TABLE "ReplicaHeartbeat" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "beatAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReplicaHeartbeat_pkey" PRIMARY KEY ("id")
);
