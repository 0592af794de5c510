import { db } from "@/lib/db/client";
import { underLease } from "@/lib/db/lease-keeper";
import { OutboundError, storedReason } from "@/lib/net/outbound-error";
import { siemSecret } from "@/lib/env";
import type { SiemTarget } from "@/lib/generated/prisma/client";
import { siemBackoffMs } from "@/lib/siem/backoff";
import { siemCheckpoint, siemEvent, type SiemEvent } from "@/lib/siem/siem-event";
import { sendHec } from "@/lib/siem/splunk-hec";
import { sendSyslog } from "@/lib/siem/syslog-cef";

const SIEM_BATCH = 500;
/** Batches sent per target per tick, so one backlog cannot starve the other targets. */
const BATCHES_PER_TICK = 20;

async function send(target: SiemTarget, events: SiemEvent[]) {
  if (events.length === 0) return;
  if (target.kind === "SYSLOG") return sendSyslog(target.url, events);
  const token = target.tokenEnv ? siemSecret(target.tokenEnv) : undefined;
  if (!token) throw new OutboundError("token_not_set");
  return sendHec(target.url, token, events);
}

/** Slugs of the servers whose siem_forward names this target (null: every event goes to it). */
async function routedServers(target: SiemTarget): Promise<string[] | null> {
  if (target.allEvents) return null;
  const servers = await db().mcpServer.findMany({ where: { siemForward: target.name }, select: { slug: true } });
  return servers.map((s) => s.slug);
}

/**
 * One batch: events after the cursor (up to the head read first, so nothing later can slip under it),
 * then the checkpoints they reach. The cursor moves only after the SIEM accepted the batch: delivery is
 * at least once, and a restart resumes exactly where the last acknowledged batch ended. It moves only
 * from where this batch started (compare and set): a holder whose lease lapsed mid-send never moves
 * back a cursor its successor already advanced, and stops (`superseded`).
 */
async function forwardBatch(target: SiemTarget): Promise<{ sent: number; more: boolean; superseded?: true }> {
  const head = await db().auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
  const headSeq = head?.sequence ?? 0n;
  if (headSeq <= target.cursor) return { sent: 0, more: false };
  const servers = await routedServers(target);
  const rows = await db().auditEvent.findMany({
    where: {
      sequence: { gt: target.cursor, lte: headSeq },
      ...(servers ? { server: { in: servers } } : {}),
    },
    orderBy: { sequence: "asc" },
    take: SIEM_BATCH,
  });
  const full = rows.length === SIEM_BATCH;
  const cursor = full ? rows[rows.length - 1].sequence : headSeq;
  const checkpoints = await db().auditCheckpoint.findMany({
    where: { sequence: { gt: target.checkpointCursor, lte: cursor } },
    orderBy: { sequence: "asc" },
  });
  const events = [...rows.map(siemEvent), ...checkpoints.map(siemCheckpoint)];
  await send(target, events);
  const lastCheckpoint = checkpoints.length ? checkpoints[checkpoints.length - 1].sequence : target.checkpointCursor;
  const moved = await db().siemTarget.updateMany({
    where: { id: target.id, cursor: target.cursor, checkpointCursor: target.checkpointCursor },
    data: {
      cursor,
      checkpointCursor: lastCheckpoint,
      deliveredCount: { increment: events.length },
      failures: 0,
      lastError: null,
      lastDeliveredAt: events.length ? new Date() : undefined,
    },
  });
  if (moved.count === 0) return { sent: events.length, more: false, superseded: true };
  return { sent: events.length, more: full };
}

/**
 * Forwards new audit events to every enabled SIEM target that is due. Runs on its own clock, never
 * inside ingest or a decision: a SIEM that is down only grows its lag. Each target is a singleton job
 * under its own lease ("siem:<id>"), so one instance at a time sends its batches, and an instance that
 * dies mid-batch leaves the cursor at the last acknowledged batch for the next holder, which resumes
 * there as soon as that lease expires: the lease is the only claim on a target (a claim of its own that
 * outlived the lease held a dead instance's targets for two minutes).
 */
export async function forwardToSiem(now = new Date()) {
  const due = await db().siemTarget.findMany({ where: { enabled: true, nextAttemptAt: { lte: now } } });
  let sent = 0;
  for (const t of due) {
    const run = await underLease(`siem:${t.id}`, (leaseLost) => forwardTarget(t, now, leaseLost));
    if (run.ran) sent += run.value;
  }
  return { targets: due.length, sent };
}

async function forwardTarget(t: SiemTarget, now: Date, leaseLost: AbortSignal): Promise<number> {
  // Read under the lease: the cursor a previous holder left is the one this run starts from.
  let target = await db().siemTarget.findUniqueOrThrow({ where: { id: t.id } });
  // A previous holder may have disabled it or put it in backoff since `due` was read.
  if (!target.enabled || target.nextAttemptAt > now) return 0;
  let sent = 0;
  try {
    for (let i = 0; i < BATCHES_PER_TICK && !leaseLost.aborted; i++) {
      const r = await forwardBatch(target);
      sent += r.sent;
      if (r.superseded) return sent;
      target = await db().siemTarget.findUniqueOrThrow({ where: { id: t.id } });
      if (!r.more) break;
    }
    if (!leaseLost.aborted) await db().siemTarget.update({ where: { id: t.id }, data: { nextAttemptAt: now } });
  } catch (error) {
    // A holder whose lease lapsed meanwhile leaves the target to its successor: no failure, no backoff.
    if (leaseLost.aborted) return sent;
    const failures = target.failures + 1;
    await db().siemTarget.update({
      where: { id: t.id },
      data: {
        failures,
        // A classified reason only: what the target said is never stored (it may be an internal service's text).
        lastError: storedReason(error, "SIEM forwarding"),
        lastErrorAt: now,
        nextAttemptAt: new Date(now.getTime() + siemBackoffMs(failures)),
      },
    });
  }
  return sent;
}
