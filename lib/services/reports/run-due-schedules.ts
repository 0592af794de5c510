import type { Readable } from "node:stream";
import { systemActor } from "@/lib/authz/actor";
import { sha256Hex } from "@/lib/crypto/sha256";
import { db } from "@/lib/db/client";
import { nextRunAfter, periodEndingAt } from "@/lib/schemas/period";
import type { ReportKind, TAuditExportQuery } from "@/lib/schemas/report";
import { buildReportPack } from "./build-report-pack";

export const SCHEDULE_SWEEP_MS = 5 * 60_000;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Generates the reports whose time has come into the report history, and drops expired ones. Each
 * schedule is claimed by moving its next run forward first, so two instances never run it twice. A period
 * that just ended is read on the primary: a replica a few seconds behind would miss its last rows.
 */
export async function runDueSchedules(now = new Date()) {
  const purged = await db().generatedReport.deleteMany({ where: { expiresAt: { lte: now } } });
  const due = await db().reportSchedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } } });
  let generated = 0;
  for (const s of due) {
    const claimed = await db().reportSchedule.updateMany({
      where: { id: s.id, nextRunAt: s.nextRunAt },
      data: { nextRunAt: nextRunAfter(s.frequency, now), lastRunAt: now },
    });
    if (claimed.count === 0) continue;
    const period = periodEndingAt(s.frequency, now);
    try {
      const actor = systemActor(`schedule:${s.name} (by ${s.createdByLabel})`);
      const query = { ...((s.filters ?? {}) as TAuditExportQuery), from: period.from, to: period.to };
      const zip = await collect(await buildReportPack(actor, s.kind as ReportKind, query, "primary"));
      await db().generatedReport.create({
        data: {
          scheduleId: s.id,
          kind: s.kind,
          name: `${s.name} ${day(period.from)} to ${day(period.to)}`,
          periodFrom: s.kind === "inventory" ? null : period.from,
          periodTo: s.kind === "inventory" ? now : period.to,
          sha256: sha256Hex(zip),
          bytes: zip.length,
          content: new Uint8Array(zip),
          expiresAt: new Date(now.getTime() + s.retentionDays * 86_400_000),
        },
      });
      await db().reportSchedule.update({ where: { id: s.id }, data: { lastError: null } });
      generated++;
    } catch (error) {
      await db().reportSchedule.update({
        where: { id: s.id },
        data: { lastError: (error as Error).message.slice(0, 300) },
      });
    }
  }
  return { generated, purged: purged.count };
}
