-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "reviewCampaignId" UUID;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_reviewCampaignId_fkey" FOREIGN KEY ("reviewCampaignId") REFERENCES "ReviewCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
