-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "dailyCallBudget" INTEGER,
ADD COLUMN     "userRateLimitPerMinute" INTEGER;
