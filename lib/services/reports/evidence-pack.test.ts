import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { ZipFile } from "yazl";
import type { UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { verifyPack } from "@/lib/evidence/verify-pack";
import type { Manifest } from "@/lib/evidence/manifest";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { auditSummary } from "@/lib/services/reports/internal/audit-summary";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { unzipTo } from "@/lib/testing/unzip";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { buildReportPack } from "./build-report-pack";

const auditor: UserActor = {
  type: "USER",
  id: "00000000-0000-0000-0000-00000000a0d2",
  email: "auditor@test.local",
  name: "Auditor",
  roles: ["AUDITOR"],
};

const work = mkdtempSync(path.join(tmpdir(), "warden-packs-"));
let n = 0;

async function save(stream: Readable) {
  const file = path.join(work, `pack-${++n}.zip`);
  await pipeline(stream, createWriteStream(file));
  return file;
}

async function extract(file: string) {
  const dir = path.join(work, `x-${++n}`);
  await unzipTo(file, dir);
  return dir;
}

/** Re-zips a folder, as someone editing a pack by hand would. */
async function rezip(dir: string) {
  const zip = new ZipFile();
  for (const name of readdirSync(dir)) zip.addFile(path.join(dir, name), name);
  zip.end();
  return save(zip.outputStream as Readable);
}

const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describeWithDatabase("evidence packs", () => {
  // One world for the suite: seeding it is the slow part.
  let world: ReturnType<typeof seedDecisionWorld> | undefined;
  const seed = () => (world ??= seedDecisionWorld());

  it("signs an audit pack that openssl and sha256sum verify offline, and that fails after any change", async () => {
    await seed();
    await writeCheckpoint();
    const file = await save(await buildReportPack(auditor, "audit", { category: "ADMIN", format: "csv" }));
    const check = await verifyPack(file);
    expect(check.problems).toEqual([]);
    expect(check.manifest).toMatchObject({
      report: "audit-log",
      generatedBy: { label: "auditor@test.local" },
      filters: { category: "ADMIN", format: "csv" },
      auditChain: { head: { sequence: expect.any(String) }, latestCheckpoint: { keyId: expect.any(String) } },
    });
    const dir = await extract(file);
    expect(readdirSync(dir).sort()).toEqual(
      [
        "SHA256SUMS",
        "VERIFY.md",
        "audit-events.csv",
        "manifest.json",
        "manifest.sig",
        "public-key.pem",
        "summary.pdf",
      ].sort(),
    );
    // With standard tools only, as VERIFY.md says.
    const ok = sh(
      "openssl",
      [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        "public-key.pem",
        "-rawin",
        "-in",
        "manifest.json",
        "-sigfile",
        "manifest.sig",
      ],
      dir,
    );
    expect(ok).toContain("Signature Verified Successfully");
    expect(sh("sha256sum", ["-c", "SHA256SUMS"], dir)).toContain("audit-events.csv: OK");
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    const keyId = sh(
      "sh",
      ["-c", "openssl pkey -pubin -in public-key.pem -outform DER | sha256sum | cut -c1-16"],
      dir,
    ).trim();
    expect(keyId).toBe(manifest.signature.keyId);
    const rows = parse(readFileSync(path.join(dir, "audit-events.csv")), { bom: true, columns: true }) as {
      category: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.category === "ADMIN")).toBe(true);
    // The PDF summary counts the same rows as the CSV.
    expect(readFileSync(path.join(dir, "summary.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(sh("sha256sum", ["-c", "SHA256SUMS"], dir)).toContain("summary.pdf: OK");
    const summary = await auditSummary(
      { category: "ADMIN" },
      { category: "ADMIN" },
      BigInt(manifest.auditChain.head!.sequence),
      db(),
    );
    expect(summary.facts).toContainEqual(["Events", rows.length]);
    expect(summary.charts[0].series.map((s) => s.label)).toEqual(["ADMIN"]);

    // One changed byte in a data file.
    const csvPath = path.join(dir, "audit-events.csv");
    const bytes = readFileSync(csvPath);
    bytes[bytes.length - 2] ^= 1;
    writeFileSync(csvPath, bytes);
    expect(() => sh("sha256sum", ["-c", "SHA256SUMS"], dir)).toThrow();
    const changed = await verifyPack(await rezip(dir));
    expect(changed.ok).toBe(false);
    expect(changed.problems.join()).toMatch(/audit-events.csv has changed/);

    // A changed manifest (a filter quietly widened) breaks the signature.
    const clean = await extract(file);
    const text = readFileSync(path.join(clean, "manifest.json"), "utf8");
    writeFileSync(path.join(clean, "manifest.json"), text.replace('"category": "ADMIN"', '"category": "AUTH"'));
    expect(() =>
      sh(
        "openssl",
        [
          "pkeyutl",
          "-verify",
          "-pubin",
          "-inkey",
          "public-key.pem",
          "-rawin",
          "-in",
          "manifest.json",
          "-sigfile",
          "manifest.sig",
        ],
        clean,
      ),
    ).toThrow();
    expect((await verifyPack(await rezip(clean))).problems.join()).toMatch(/signature .* does not verify/);

    // An extra file slipped in, and a trusted key that is not the pack's.
    const extra = await extract(file);
    writeFileSync(path.join(extra, "note.txt"), "added later");
    expect((await verifyPack(await rezip(extra))).problems).toEqual(["note.txt is not listed in the manifest"]);
    const other = sh("sh", ["-c", "openssl genpkey -algorithm ed25519 | openssl pkey -pubout"], work);
    expect((await verifyPack(file, other)).ok).toBe(false);
    expect((await verifyPack(file, readFileSync(path.join(dir, "public-key.pem"), "utf8"))).ok).toBe(true);
  });

  it("puts every approval request of the period, its votes and a PDF summary in the approvals pack", async () => {
    const w = await seed();
    const call = (id: string) =>
      decideToolCall(gateway, {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "update_record",
        arguments: { object: "Case", id, fields: { Status: "Closed" } },
        onBehalfOf: w.requester.email,
      });
    const a = await call("1");
    const b = await call("2");
    await voteOnRequest(w.approvers[0], a.approvalId!, { decision: "approve", comment: "=cmd|' /C calc'!A0" });
    await voteOnRequest(w.approvers[1], b.approvalId!, { decision: "deny", comment: "not today" });
    const dir = await extract(await save(await buildReportPack(auditor, "approvals", { format: "csv" })));
    const requests = parse(readFileSync(path.join(dir, "approvals.csv")), { columns: true }) as Record<
      string,
      string
    >[];
    const mine = requests.filter((r) => r.server === w.server.slug && r.kind === "TOOL_CALL");
    expect(mine.map((r) => r.id).sort()).toEqual([a.approvalId, b.approvalId].sort());
    expect(mine.find((r) => r.id === a.approvalId)).toMatchObject({
      outcome: "APPROVED",
      agent: w.agent.clientId,
      tool: "update_record",
      onBehalfOf: w.requester.email,
      approveVotes: "1",
    });
    expect(mine.find((r) => r.id === b.approvalId)?.outcome).toBe("DENIED");
    const votes = parse(readFileSync(path.join(dir, "votes.csv")), { columns: true }) as Record<string, string>[];
    expect(votes.find((v) => v.requestId === a.approvalId)?.comment).toBe("'=cmd|' /C calc'!A0");
    expect(readFileSync(path.join(dir, "summary.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(sh("sha256sum", ["-c", "SHA256SUMS"], dir)).toContain("summary.pdf: OK");
  });

  it("lists servers, credentials, tools and grants in the inventory pack", async () => {
    const w = await seed();
    const file = await save(await buildReportPack(auditor, "inventory", { format: "csv" }));
    expect((await verifyPack(file)).ok).toBe(true);
    const dir = await extract(file);
    const servers = parse(readFileSync(path.join(dir, "servers.csv")), { columns: true }) as Record<string, string>[];
    expect(servers.find((s) => s.slug === w.server.slug)).toMatchObject({ status: "ACTIVE", environment: "DEV" });
    const tools = parse(readFileSync(path.join(dir, "tools.csv")), { columns: true }) as Record<string, string>[];
    expect(
      tools
        .filter((t) => t.server === w.server.slug)
        .map((t) => t.tool)
        .sort(),
    ).toEqual(["query_records", "update_record"]);
    const grants = parse(readFileSync(path.join(dir, "grants.csv")), { columns: true }) as Record<string, string>[];
    expect(grants.find((g) => g.server === w.server.slug)).toMatchObject({
      agent: w.agent.clientId,
      grantStatus: "ACTIVE",
    });
    expect(readdirSync(dir)).toContain("credentials.csv");
  });

  it("is refused to roles without reports.read", async () => {
    await expect(
      buildReportPack({ ...auditor, roles: ["OWNER"] }, "inventory", { format: "csv" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
