import { assertCan, type Actor } from "@/lib/authz/actor";
import { csvRows, type Cell } from "@/lib/evidence/csv";
import { summaryPdf } from "@/lib/evidence/pdf-summary";
import { zipPack } from "@/lib/evidence/zip-pack";
import { parseWith } from "@/lib/schemas/parse";
import { ZReviewPackQuery } from "@/lib/schemas/report";
import { getCampaignEvidence, type CampaignEvidence } from "@/lib/services/reviews/get-campaign-evidence";
import { recordExport } from "./internal/record-export";
import { packMeta, packSigner } from "./internal/pack-meta";

const POPULATION_COLUMNS = [
  "itemId",
  "kind",
  "subjectKey",
  "server",
  "subject",
  "entitlement",
  "agent",
  "lastUsedAt",
  "recommendations",
  "snapshotSha256",
  "snapshot",
] as const;
const DECISION_COLUMNS = [
  "itemId",
  "kind",
  "server",
  "subject",
  "entitlement",
  "reviewerOfRecord",
  "assignee",
  "assignment",
  "actualDecider",
  "decision",
  "status",
  "justification",
  "decidedAt",
  "decisionAuditSequence",
  "reassigned",
  "reassignedFrom",
  "reassignedBy",
  "reassignReason",
  "reassignedAt",
  "selfReviewRerouted",
  // the decider's own ties to the item (owner, registrar, server_owner, grantor), where the campaign allowed it
  "conflict",
] as const;
const REMEDIATION_COLUMNS = [
  "itemId",
  "kind",
  "server",
  "subject",
  "entitlement",
  "decision",
  "action",
  "changes",
  "decidedBy",
  "effectiveAt",
  "auditSequence",
] as const;
const EXCEPTION_COLUMNS = [
  "itemId",
  "kind",
  "server",
  "subject",
  "entitlement",
  "reviewerOfRecord",
  "assignee",
  "appliedAction",
  "reason",
  "at",
  "auditSequence",
] as const;

/** Rows of objects as CSV, in the given column order: the evidence service already names every field. */
const table = <C extends string>(rows: Partial<Record<C, Cell>>[], columns: readonly C[]) =>
  csvRows(
    rows.map((r) => columns.map((c) => r[c])),
    columns,
  );

/**
 * One campaign's access-review evidence as a signed pack: the frozen population (with the canonical
 * JSON its sha256 covers and the query that produced it), every decision, remediation and exception,
 * the sign-off, and a PDF summary. Built from the reviews service's evidence, so the pack and the
 * campaign page can never tell two stories.
 */
export async function buildReviewPack(actor: Actor, raw: { campaignId?: unknown }) {
  assertCan(actor, "reports.read");
  const { campaignId } = parseWith(ZReviewPackQuery, raw, "review pack query");
  const signer = packSigner();
  const evidence = await getCampaignEvidence(actor, campaignId);
  const filters = { campaignId, period: evidence.campaign.period };
  await recordExport(actor, "review", { filters, campaign: evidence.campaign.name });
  const { population } = evidence;
  const populationJson = {
    campaign: evidence.campaign,
    sha256: population.sha256,
    recomputedSha256: population.recomputedSha256,
    matches: population.matches,
    count: population.count,
    query: population.query,
    hashedOver: "population-canonical.json: [{kind, subjectKey, snapshot}] sorted by subjectKey, canonical JSON",
  };
  const signOff = evidence.signOff ?? { signedOff: false, campaignStatus: evidence.campaign.status };
  const meta = await packMeta(actor, "review", filters);
  const pdf = await summaryPdf(reviewSummary(evidence), new Date(meta.generatedAt));
  return zipPack(
    [
      { name: "population.csv", content: table(population.rows, POPULATION_COLUMNS) },
      { name: "population.json", content: `${JSON.stringify(populationJson, null, 2)}\n` },
      { name: "population-canonical.json", content: population.canonicalJson },
      { name: "decisions.csv", content: table(evidence.decisions, DECISION_COLUMNS) },
      { name: "remediations.csv", content: table(evidence.remediations, REMEDIATION_COLUMNS) },
      { name: "exceptions.csv", content: table(evidence.exceptions, EXCEPTION_COLUMNS) },
      { name: "sign-off.json", content: `${JSON.stringify(signOff, null, 2)}\n` },
      { name: "summary.pdf", content: pdf },
    ],
    meta,
    signer,
  );
}

/** Decisions (and, for revokes and modifications, whether they took effect) per server. */
function reviewSummary(e: CampaignEvidence) {
  const perServer = <R extends { server: string | null }>(rows: R[], key: (r: R) => string) => {
    const by = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = by.get(r.server ?? "(no server)") ?? new Map<string, number>();
      m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      by.set(r.server ?? "(no server)", m);
    }
    return [...by.entries()].map(([label, m]) => ({
      label,
      segments: [...m.entries()].map(([name, value]) => ({ name, value })),
    }));
  };
  const decided = (d: string) => e.decisions.filter((x) => x.decision === d).length;
  const c = e.campaign;
  return {
    title: `Access review: ${c.name}`,
    subtitle: `Period ${c.period}, status ${c.status}, due ${c.dueAt ?? "n/a"} (UTC)`,
    facts: [
      ["Population", `${e.population.count} items, sha256 ${e.population.sha256 ?? "n/a"}`],
      ["Population hash recomputed", e.population.matches ? "matches" : "DOES NOT MATCH"],
      ["Certified", decided("CERTIFY")],
      ["Revoked", decided("REVOKE")],
      ["Modified", decided("MODIFY")],
      ["Undecided", e.decisions.filter((x) => x.decision === null).length],
      ["Reassigned", e.decisions.filter((x) => x.reassigned).length],
      ["Self-review rerouted", e.decisions.filter((x) => x.selfReviewRerouted).length],
      [
        "Decided by someone tied to the item",
        `${e.decisions.filter((x) => x.conflict).length}${e.campaign.allowOwnerSelfReview ? " (self-review allowed by the campaign's settings)" : ""}`,
      ],
      ["Exceptions (default applied)", e.exceptions.length],
      ["Signed off", e.signOff ? `${e.signOff.by} at ${e.signOff.at}` : "not yet"],
      ...(e.signOff?.signerTookPart
        ? [["Signer took part", signerPart(e.signOff.signerTookPart)] as [string, string]]
        : []),
    ] as [string, number | string][],
    charts: [
      { title: "Decisions per server", series: perServer(e.decisions, (r) => r.decision ?? "UNDECIDED") },
      {
        title: "Remediation results per server",
        series: perServer(e.remediations, (r) => (r.effectiveAt ? `${r.decision} in effect` : `${r.decision} pending`)),
      },
    ],
    notes: e.signOff?.statement ? [`Sign-off statement: ${e.signOff.statement}`] : undefined,
  };
}

function signerPart(p: unknown) {
  const { decided, reassigned, allowedBecause } = p as { decided: number; reassigned: number; allowedBecause: string };
  return `decided ${decided}, reassigned ${reassigned}: ${allowedBecause}`;
}
