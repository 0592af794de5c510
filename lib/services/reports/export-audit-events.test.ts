import { expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { wireMethod } from "@/lib/audit/catalog";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AUDIT_COLUMNS } from "@/lib/evidence/audit-rows";
import type { TAuditListQuery } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { exportAuditEvents } from "./export-audit-events";

const auditor: UserActor = {
  type: "USER",
  id: "00000000-0000-0000-0000-00000000a0d1",
  email: "auditor@test.local",
  name: "Auditor",
  roles: ["AUDITOR"],
};

const text = async (chunks: AsyncIterable<string>) => {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
};

/** Every id the explorer shows for a filter, walking all its pages. */
async function explorerIds(filter: TAuditListQuery) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(auditor, { ...filter, cursor, limit: 200 });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

const SERVERS = ["crm", "billing", "hr"];
const AWKWARD = [
  '=HYPERLINK("http://evil")',
  "+1+2",
  "-2+3",
  "@SUM(A1)",
  "\tTAB",
  "\rCR",
  "Zoë 日本語 ✓",
  'quote "x", comma',
];

describeWithDatabase("audit export", () => {
  it("streams exactly the explorer's rows for every filter, across pages, ties included", async () => {
    const base = Date.parse("2026-10-01T00:00:00Z");
    // 2,100 events (more than one 2,000-row export page), many sharing a timestamp, so keyset paging must break ties by sequence.
    await db().$transaction(
      (tx) =>
        recordAudit(
          tx,
          Array.from({ length: 2100 }, (_, i) => ({
            actor: { type: "AGENT" as const, id: null, label: `agent-${i % 4}` },
            category: i % 5 === 0 ? ("ADMIN" as const) : ("TOOL_CALL" as const),
            action: wireMethod(i % 7 === 0 ? "tools/list" : "tools/call"),
            outcome: i % 3 === 0 ? "error" : "success",
            occurredAt: new Date(base + Math.floor(i / 3) * 60_000),
            call: {
              eventId: `e-${i}`,
              server: SERVERS[i % 3],
              tool: `tool_${i % 6}`,
              agent: `agent-${i % 4}`,
              onBehalfOf: AWKWARD[i % AWKWARD.length],
              sessionId: null,
            },
          })),
        ),
      { timeout: 60_000 },
    );
    const filters: TAuditListQuery[] = [
      {},
      { server: "crm" },
      { server: "billing", outcome: "error" },
      { category: "ADMIN", tool: "tool_0" },
      { q: "zoë" },
      { from: "2026-10-01T02:00:00Z", to: "2026-10-01T05:30:00Z", agent: "agent-2" },
    ];
    for (const filter of filters) {
      const expected = await explorerIds(filter);
      const ndjson = await exportAuditEvents(auditor, { ...filter, format: "ndjson" });
      const lines = (await text(ndjson.chunks)).trim().split("\n").filter(Boolean);
      const exported = lines.map((l) => (JSON.parse(l) as { id: string }).id);
      expect(exported.length, JSON.stringify(filter)).toBe(expected.length);
      expect(exported).toEqual(expected);
      // Walked again: the NDJSON export's own audit record now matches the unfiltered view.
      const again = await explorerIds(filter);
      const csv = await exportAuditEvents(auditor, { ...filter, format: "csv" });
      const rows = parse(await text(csv.chunks), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.id)).toEqual(again);
    }
    // The unfiltered export holds all 2,100 events plus the export records written before it began.
    expect((await explorerIds({})).length).toBeGreaterThan(2100);
  }, 180_000);

  it("neutralises formula injection and keeps unicode intact in CSV cells", async () => {
    const out = await exportAuditEvents(auditor, { server: "crm", format: "csv" });
    const body = await text(out.chunks);
    expect(body.startsWith("\uFEFF")).toBe(true);
    const rows = parse(body, { bom: true, columns: true }) as Record<string, string>[];
    const seen = new Set(rows.map((r) => r.onBehalfOf));
    // A cell that starts with =, +, -, @, tab or CR reaches a spreadsheet as text, prefixed with a quote.
    for (const bad of AWKWARD.slice(0, 6)) {
      expect(seen.has(bad)).toBe(false);
      expect(seen.has(`'${bad}`)).toBe(true);
    }
    expect(seen.has("Zoë 日本語 ✓")).toBe(true);
    expect(seen.has('quote "x", comma')).toBe(true);
    expect(Object.keys(rows[0])).toEqual([...AUDIT_COLUMNS]);
    for (const line of body.split("\n").slice(1)) expect(line).not.toMatch(/(^|,)"?[=+@\t\r]/);
  });

  it("records every export in the audit log with its filters, and stops at the head it started from", async () => {
    const before = await db().auditEvent.count();
    const out = await exportAuditEvents(auditor, { server: "hr", outcome: "error", format: "ndjson" });
    const record = await db().auditEvent.findFirstOrThrow({
      where: { action: "report.exported" },
      orderBy: { sequence: "desc" },
    });
    expect(record.actorLabel).toBe("auditor@test.local");
    expect(record.attributes).toMatchObject({
      report: "audit-log",
      format: "ndjson",
      filters: { server: "hr", outcome: "error" },
      upToSequence: String(before),
    });
    // Events appended while the export streams are not part of it.
    await db().$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "SYSTEM", id: null, label: "late" },
        category: "TOOL_CALL",
        action: wireMethod("late"),
        call: { eventId: "late-1", server: "hr", tool: null, agent: null, onBehalfOf: null, sessionId: null },
        outcome: "error",
      }),
    );
    const body = await text(out.chunks);
    expect(body).not.toContain("late-1");
  });

  it("refuses roles without audit.export and bad filters with a 4xx", async () => {
    const viewer: UserActor = { ...auditor, roles: ["VIEWER"] };
    await expect(exportAuditEvents(viewer, { format: "csv" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportAuditEvents(auditor, { format: "xlsx" as "csv" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(exportAuditEvents(systemActor("cli"), { category: "NOPE" as "ADMIN" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
