import { z } from "zod";
import {
  DataClassification,
  Environment,
  ReviewCadence,
  ReviewCampaignStatus,
  ReviewDecision,
  ReviewDefaultAction,
  ReviewItemKind,
  ReviewItemStatus,
} from "@/lib/generated/prisma/enums";
import { OPERATIONS } from "./grant";
import { PERIOD_EXAMPLES, PERIOD_PATTERN } from "./period";

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(50));

/** Which servers a campaign covers: an empty list means every value. */
export const ZReviewScope = z.object({
  environments: list(z.enum(Environment)),
  classifications: list(z.enum(DataClassification)),
  teamIds: list(z.uuid("Choose a team")),
});
export type TReviewScope = z.infer<typeof ZReviewScope>;

const justification = z.string().trim().max(2000);

export const ZCreateCampaignInput = z.object({
  period: z.string().trim().regex(PERIOD_PATTERN, `A period like ${PERIOD_EXAMPLES}`),
  name: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(120).optional()),
  scope: z.preprocess((v) => v ?? {}, ZReviewScope),
  dueAt: z.coerce.date("Choose a due date").refine((d) => d.getTime() > Date.now(), "The due date must be ahead"),
  defaultAction: z.enum(ReviewDefaultAction).default("KEEP"),
});
export type TCreateCampaignInput = z.input<typeof ZCreateCampaignInput>;

export const ZCampaignListQuery = z.object({
  status: z.enum(ReviewCampaignStatus).optional(),
});
export type TCampaignListQuery = z.input<typeof ZCampaignListQuery>;

export const ZReviewItemsQuery = z.object({
  campaign: z.uuid("Unknown campaign").optional(),
  /** "me": items I must decide; "all": every item (ADMIN and AUDITOR); or a reviewer's user id */
  assignee: z.union([z.literal("me"), z.literal("all"), z.uuid()]).default("me"),
  status: z.enum(ReviewItemStatus).optional(),
  kind: z.enum(ReviewItemKind).optional(),
});
export type TReviewItemsQuery = z.input<typeof ZReviewItemsQuery>;

/** What a MODIFY may change on a grant; each field may only narrow it. */
export const ZGrantNarrowing = z
  .object({
    allowedTools: z.array(z.string().trim().min(1).max(128)).min(1, "Keep at least one tool, or revoke").optional(),
    allowedOperations: z.array(z.enum(OPERATIONS)).min(1, "Keep at least one operation, or revoke").optional(),
    maxRecords: z.coerce.number().int().min(1).max(1_000_000).optional(),
    expiresAt: z.coerce.date().optional(),
  })
  .refine(
    (c) => Object.values(c).some((v) => v !== undefined),
    "Change at least one of tools, operations, limits or expiry",
  );
export type TGrantNarrowing = z.infer<typeof ZGrantNarrowing>;

export const ZReviewDecisionInput = z
  .object({
    // KEEP is only ever applied by the due-date default, never chosen by a reviewer.
    decision: z.enum(ReviewDecision).exclude(["KEEP"], "Choose certify, revoke or modify"),
    justification: justification.default(""),
    changes: ZGrantNarrowing.optional(),
  })
  .refine((d) => d.decision !== "MODIFY" || d.changes, { path: ["changes"], message: "Say what to narrow" })
  .refine((d) => d.decision === "MODIFY" || !d.changes, { path: ["changes"], message: "Only MODIFY takes changes" });
export type TReviewDecisionInput = z.input<typeof ZReviewDecisionInput>;

const itemIds = z.array(z.uuid()).min(1, "Choose at least one item").max(500);

export const ZBulkCertifyInput = z.object({ itemIds, justification: justification.default("") });
export type TBulkCertifyInput = z.input<typeof ZBulkCertifyInput>;

export const ZReassignInput = z.object({
  itemIds,
  assigneeId: z.uuid("Choose a reviewer"),
  reason: z.string().trim().min(3, "Give a reason").max(1000),
});
export type TReassignInput = z.input<typeof ZReassignInput>;

export const ZSignOffInput = z.object({
  statement: z.string().trim().min(3, "Write the sign-off statement").max(2000),
});
export type TSignOffInput = z.input<typeof ZSignOffInput>;

export const ZCancelCampaignInput = z.object({ reason: z.string().trim().min(3, "Give a reason").max(1000) });
export type TCancelCampaignInput = z.input<typeof ZCancelCampaignInput>;

export const ZReviewSettingsInput = z.object({
  scheduleEnabled: z.boolean(),
  cadence: z.enum(ReviewCadence).default("QUARTERLY"),
  dayOfPeriod: z.coerce.number().int("Whole days").min(1).max(28, "Days 1 to 28 exist in every month"),
  dueInDays: z.coerce.number().int("Whole days").min(1).max(180),
  defaultAction: z.enum(ReviewDefaultAction).default("KEEP"),
  certifyNeedsJustification: z.boolean().default(true),
  /** an agent's owner or registrar, a server's owner and a grantor may review that access (marked in the evidence) */
  allowOwnerSelfReview: z.boolean().default(false),
  /** whoever decided or reassigned items may sign the campaign off though another ADMIN or AUDITOR could */
  allowDeciderSignOff: z.boolean().default(false),
});
export type TReviewSettingsInput = z.input<typeof ZReviewSettingsInput>;
