import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZSignOffInput, type TSignOffInput } from "@/lib/schemas/review";
import { lockCampaign } from "./internal/campaign-lock";
import { signerCheck } from "./internal/signer-part";
import { campaignView } from "./review-views";

/**
 * An ADMIN or AUDITOR signs off a campaign with no open items: audited, and the campaign is locked.
 * Whoever decided or reassigned items in it may not, while another ADMIN or AUDITOR who did neither
 * exists, unless the campaign's settings allow it; where they sign off, the record says so and why.
 */
export async function signOffCampaign(actor: Actor, campaignId: string, raw: TSignOffInput, now = new Date()) {
  assertCan(actor, "reviews.signoff");
  const input = parseWith(ZSignOffInput, raw, "sign-off");
  return db().$transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
    if (campaign.status !== "ACTIVE")
      throw new AppError("CONFLICT", `The campaign is ${campaign.status}: only an active campaign is signed off`);
    const open = await tx.reviewItem.count({ where: { campaignId, status: "OPEN" } });
    if (open > 0) throw new AppError("CONFLICT", `${open} item${open === 1 ? " is" : "s are"} still open`);
    const counts = await tx.reviewItem.groupBy({ by: ["decision"], where: { campaignId }, _count: true });
    const who = auditActor(actor);
    const check = who.type === "USER" && who.id ? await signerCheck(tx, campaign, who.id) : null;
    if (check?.barrier) throw new AppError("FORBIDDEN", check.barrier);
    const signerTookPart = check?.part ?? null;
    const [record] = await recordAudit(tx, {
      actor: who,
      category: "ADMIN",
      action: "review.campaign_signed_off",
      target: { type: "ReviewCampaign", id: campaignId },
      before: { status: "ACTIVE" },
      after: { status: "COMPLETED" },
      attributes: {
        period: campaign.period,
        statement: input.statement,
        populationHash: campaign.populationHash,
        decisions: Object.fromEntries(counts.map((c) => [c.decision ?? "NONE", c._count])),
        signerTookPart,
      },
    });
    return campaignView(
      await tx.reviewCampaign.update({
        where: { id: campaignId },
        data: {
          status: "COMPLETED",
          signedOffAt: now,
          signedOffById: who.type === "USER" ? who.id : null,
          signedOffByLabel: who.label,
          signOffStatement: input.statement,
          signOffSequence: record.sequence,
          signOffConflict: signerTookPart ?? undefined,
        },
      }),
    );
  });
}
