import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export const reviewSettingsSelect = {
  scheduleEnabled: true,
  cadence: true,
  dayOfPeriod: true,
  dueInDays: true,
  defaultAction: true,
  certifyNeedsJustification: true,
  allowOwnerSelfReview: true,
  allowDeciderSignOff: true,
} as const;

export const DEFAULT_REVIEW_SETTINGS = {
  scheduleEnabled: false,
  cadence: "QUARTERLY",
  dayOfPeriod: 1,
  dueInDays: 30,
  defaultAction: "KEEP",
  certifyNeedsJustification: true,
  allowOwnerSelfReview: false,
  allowDeciderSignOff: false,
} as const;

export type ReviewSettingsView = {
  scheduleEnabled: boolean;
  cadence: string;
  dayOfPeriod: number;
  dueInDays: number;
  defaultAction: string;
  certifyNeedsJustification: boolean;
  /** read into each campaign when it starts: see ReviewCampaign */
  allowOwnerSelfReview: boolean;
  allowDeciderSignOff: boolean;
};

export async function getReviewSettings(actor: Actor): Promise<ReviewSettingsView> {
  assertCan(actor, "reviews.read");
  return (
    (await db().reviewSettings.findUnique({ where: { id: 1 }, select: reviewSettingsSelect })) ??
    DEFAULT_REVIEW_SETTINGS
  );
}
