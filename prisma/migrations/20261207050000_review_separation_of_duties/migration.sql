-- AlterTable
ALTER TABLE "ReviewSettings" ADD COLUMN     "allowDeciderSignOff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "allowOwnerSelfReview" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReviewCampaign" ADD COLUMN     "allowDeciderSignOff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "allowOwnerSelfReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "signOffConflict" JSONB;

-- AlterTable
ALTER TABLE "ReviewItem" ADD COLUMN     "conflicts" JSONB NOT NULL DEFAULT '[]';
