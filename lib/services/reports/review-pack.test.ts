import { execFileSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { expect, it, vi } from "vitest";
import { ZipFile } from "yazl";
import { db } from "@/lib/db/client";
import { verifyPack } from "@/lib/evidence/verify-pack";
import { applyDueDefaults } from "@/lib/services/reviews/apply-due-defaults";
import { createCampaign } from "@/lib/services/reviews/create-campaign";
import { decideReviewItem } from "@/lib/services/reviews/decide-review-item";
import { reassignReviewItems } from "@/lib/services/reviews/reassign-review-items";
import { signOffCampaign } from "@/lib/services/reviews/sign-off-campaign";
import { startCampaign } from "@/lib/services/reviews/start-campaign";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { unzipTo } from "@/lib/testing/unzip";
import { seedReviewWorld } from "@/prisma/seed/review-fixture";
import { buildReportPack } from "./build-report-pack";

// A whole campaign is run through the services before the pack is built: give a busy CI room.
vi.setConfig({ testTimeout: 120_000 });

const work = mkdtempSync(path.join(tmpdir(), "warden-review-pack-"));
let n = 0;
const save = async (stream: Readable) => {
  const file = path.join(work, `pack-${++n}.zip`);
  await pipeline(stream, createWriteStream(file));
  return file;
};
const extract = async (file: string) => {
  const dir = path.join(work, `x-${++n}`);
  await unzipTo(file, dir);
  return dir;
};
/** Re-zips a folder, as someone editing a pack by hand would. */
const rezip = (dir: string) => {
  const zip = new ZipFile();
  for (const name of readdirSync(dir)) zip.addFile(path.join(dir, name), name);
  zip.end();
  return save(zip.outputStream as Readable);
};
type Row = Record<string, string>;
const csv = (dir: string, name: string) => parse(readFileSync(path.join(dir, name)), { columns: true }) as Row[];
const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describeWithDatabase("access-review evidence pack", () => {
  it("packs a signed-off campaign's population, decisions, remediations, exceptions and sign-off, signed", async () => {
    const w = await seedReviewWorld();
    const draft = await createCampaign(w.admin, {
      period: "2026-Q4",
      scope: { teamIds: [w.team.id] },
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const campaign = await startCampaign(w.admin, draft.id);
    const items = await db().reviewItem.findMany({ where: { campaignId: draft.id } });
    const grantItem = (grantId: string) => items.find((i) => i.grantId === grantId)!;
    const used = grantItem(w.usedGrant.id);
    const unused = grantItem(w.unusedGrant.id);
    const self = grantItem(w.selfGrant.id);
    await reassignReviewItems(w.admin, { itemIds: [used.id], assigneeId: w.admin.id, reason: "Owner on leave" });
    await decideReviewItem(w.admin, used.id, { decision: "CERTIFY", justification: "=Used daily by support" });
    await decideReviewItem(w.owner, unused.id, { decision: "REVOKE", justification: "Never called" });
    await decideReviewItem(w.mate, self.id, { decision: "CERTIFY", justification: "Needed for triage" });
    // The credential and the ownership stay undecided: the due date applies KEEP, as exceptions.
    await applyDueDefaults(new Date(campaign.dueAt.getTime() + 1000));
    await signOffCampaign(w.auditor, campaign.id, { statement: "Q4 access review complete" });

    const file = await save(await buildReportPack(w.auditor, "review", { campaignId: campaign.id }));
    // The `npm run evidence:verify` code path, against the key Warden signs with.
    const trusted = createPublicKey(process.env.WARDEN_SIGNING_KEY!).export({ type: "spki", format: "pem" }).toString();
    const check = await verifyPack(file, trusted);
    expect(check.problems).toEqual([]);
    expect(check.manifest).toMatchObject({
      report: "review",
      generatedBy: { label: w.auditor.email },
      filters: { campaignId: campaign.id, period: "2026-Q4" },
    });
    const dir = await extract(file);
    expect(readdirSync(dir).sort()).toEqual(
      [
        "SHA256SUMS",
        "VERIFY.md",
        "decisions.csv",
        "exceptions.csv",
        "manifest.json",
        "manifest.sig",
        "population-canonical.json",
        "population.csv",
        "population.json",
        "public-key.pem",
        "remediations.csv",
        "sign-off.json",
        "summary.pdf",
      ].sort(),
    );
    expect(sh("sha256sum", ["-c", "SHA256SUMS"], dir)).toContain("population.csv: OK");

    // Population: every frozen item, and a sha256 anyone can recompute from the canonical bytes.
    const population = csv(dir, "population.csv");
    expect(population.map((r) => r.itemId).sort()).toEqual(items.map((i) => i.id).sort());
    for (const i of items)
      expect(population.find((r) => r.itemId === i.id)).toMatchObject({
        kind: i.kind,
        subjectKey: i.subjectKey,
        snapshotSha256: i.snapshotHash,
      });
    const meta = JSON.parse(readFileSync(path.join(dir, "population.json"), "utf8")) as Record<string, unknown>;
    expect(meta).toMatchObject({ sha256: campaign.populationHash, matches: true, count: 5 });
    expect(meta.query).toEqual(campaign.populationQuery);
    expect(sh("sha256sum", ["population-canonical.json"], dir).slice(0, 64)).toBe(campaign.populationHash);

    // Decisions: reviewer of record, actual decider, reassignment, rerouting, audit sequence.
    const decisions = csv(dir, "decisions.csv");
    expect(decisions).toHaveLength(5);
    const row = (id: string) => decisions.find((d) => d.itemId === id);
    expect(row(used.id)).toMatchObject({
      reviewerOfRecord: w.owner.email,
      actualDecider: w.admin.email,
      decision: "CERTIFY",
      justification: "'=Used daily by support",
      reassigned: "true",
      reassignedFrom: w.owner.email,
      reassignReason: "Owner on leave",
      decisionAuditSequence: expect.stringMatching(/^\d+$/),
    });
    expect(row(unused.id)).toMatchObject({ actualDecider: w.owner.email, decision: "REVOKE", reassigned: "false" });
    expect(row(self.id)).toMatchObject({ actualDecider: w.mate.email, selfReviewRerouted: "true" });
    const stored = await db().reviewItem.findMany({ where: { campaignId: campaign.id } });
    for (const i of stored)
      expect(row(i.id)).toMatchObject({
        decision: i.decision ?? "",
        decidedAt: i.decidedAt?.toISOString() ?? "",
        decisionAuditSequence: i.decisionSequence?.toString() ?? "",
      });

    // Remediations: the revoke, in effect, proven by its audit event.
    const revoked = stored.find((i) => i.id === unused.id)!;
    expect(csv(dir, "remediations.csv")).toEqual([
      expect.objectContaining({
        itemId: unused.id,
        decision: "REVOKE",
        effectiveAt: revoked.remediatedAt!.toISOString(),
        auditSequence: revoked.remediationSequence!.toString(),
      }),
    ]);
    const proof = await db().auditEvent.findFirstOrThrow({ where: { sequence: revoked.remediationSequence! } });
    expect(proof.targetId).toBe(w.unusedGrant.id);

    // Exceptions: the two items the due date kept.
    const exceptions = csv(dir, "exceptions.csv");
    expect(exceptions.map((e) => e.itemId).sort()).toEqual(
      stored
        .filter((i) => i.exception)
        .map((i) => i.id)
        .sort(),
    );
    expect(exceptions).toHaveLength(2);
    expect(exceptions.every((e) => e.appliedAction === "KEEP")).toBe(true);

    expect(JSON.parse(readFileSync(path.join(dir, "sign-off.json"), "utf8"))).toMatchObject({
      by: w.auditor.email,
      statement: "Q4 access review complete",
      auditSequence: expect.stringMatching(/^\d+$/),
    });
    const pdf = readFileSync(path.join(dir, "summary.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    // One changed byte in one file, and the pack no longer verifies.
    const bytes = readFileSync(path.join(dir, "decisions.csv"));
    bytes[bytes.indexOf("REVOKE")] = "C".charCodeAt(0);
    writeFileSync(path.join(dir, "decisions.csv"), bytes);
    const tampered = await verifyPack(await rezip(dir), trusted);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toEqual([expect.stringMatching(/^decisions\.csv has changed/)]);

    // The export itself is audited.
    expect(
      await db().auditEvent.count({
        where: { action: "report.exported", attributes: { path: ["report"], equals: "review" } },
      }),
    ).toBe(1);
  });

  it("needs a campaign that exists, and reports.read", async () => {
    const w = await seedReviewWorld();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code ?? String(e),
      );
    expect(await code(buildReportPack(w.auditor, "review", {}))).toBe("BAD_REQUEST");
    expect(
      await code(buildReportPack(w.auditor, "review", { campaignId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe("NOT_FOUND");
    expect(await code(buildReportPack(w.owner, "review", { campaignId: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "FORBIDDEN",
    );
  });
});
