import { escalateOverdue, ESCALATION_SWEEP_MS } from "@/lib/services/approvals/escalate-overdue";
import { applyAuditRetention, RETENTION_SWEEP_MS } from "@/lib/services/audit/audit-retention";
import { ensureAuditPartitions, PARTITION_SWEEP_MS } from "@/lib/services/audit/ensure-audit-partitions";
import { maybeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { runDueSchedules, SCHEDULE_SWEEP_MS as REPORT_SWEEP_MS } from "@/lib/services/reports/run-due-schedules";
import { ROTATION_SWEEP_MS, sweepRotationFindings } from "@/lib/services/findings/sweep-rotation-findings";
import { applyDueDefaults, DUE_DEFAULTS_SWEEP_MS } from "@/lib/services/reviews/apply-due-defaults";
import { createScheduledCampaign, SCHEDULE_SWEEP_MS } from "@/lib/services/reviews/create-scheduled-campaign";
import { REMINDER_SWEEP_MS, sendReviewReminders } from "@/lib/services/reviews/send-review-reminders";
import { forwardToSiem } from "@/lib/services/siem/forward-to-siem";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhooks";
import { underLease } from "@/lib/db/lease-keeper";
import { HEARTBEAT_MS, writeReplicaHeartbeat } from "@/lib/db/replica-heartbeat";
import { env } from "@/lib/env";

/**
 * Starts the clocks each server process runs. With several instances on one database, the singleton
 * jobs (`lease` set) run only on the instance holding that job's lease (lib/db/lease-keeper.ts); a dead
 * holder's lease expires and the next instance resumes from the job's durable state. Webhook deliveries
 * stay concurrent: each instance claims a delivery row (a conditional update) before sending it. SIEM forwarding takes
 * one lease per target, inside forwardToSiem.
 */
export function startBackgroundClocks(): void {
  // Checkpoints come on a clock: a minute at most between the last record and a signed head covering it.
  every(15_000, "Checkpoint", () => maybeCheckpoint(), { lease: "checkpoint" });
  // The audit log's next month's partition is there before the month starts.
  every(PARTITION_SWEEP_MS, "Audit partitions", () => ensureAuditPartitions(), {
    atStart: true,
    lease: "audit-partitions",
  });
  // Months past retention are sealed, archived to WARDEN_ARCHIVE_DIR and dropped, oldest first, once a day.
  every(RETENTION_SWEEP_MS, "Audit retention", () => applyAuditRetention(), {
    atStart: true,
    lease: "audit-retention",
  });
  // Credentials go overdue with the calendar alone: look for them at start and on a clock.
  every(ROTATION_SWEEP_MS, "Rotation sweep", () => sweepRotationFindings(), { atStart: true, lease: "rotation-sweep" });
  // Requests pending at half their lifetime go to the fallback approvers, whether anyone looks or not.
  every(ESCALATION_SWEEP_MS, "Escalation", () => escalateOverdue(), { lease: "approval-escalation" });
  // Access reviews run on the calendar: this period's scheduled campaign, reminders, and the due date's
  // default action.
  every(SCHEDULE_SWEEP_MS, "Review schedule", () => createScheduledCampaign(), {
    atStart: true,
    lease: "review-schedule",
  });
  every(REMINDER_SWEEP_MS, "Review reminders", () => sendReviewReminders(), {
    atStart: true,
    lease: "review-reminders",
  });
  every(DUE_DEFAULTS_SWEEP_MS, "Review deadlines", () => applyDueDefaults(), {
    atStart: true,
    lease: "review-due-defaults",
  });
  // Webhook deliveries leave on their own clock, so a slow receiver never holds up a decision.
  every(2000, "Webhook delivery", deliverDueWebhooks);
  // SIEM forwarding reads the log behind ingest, from a durable cursor: a SIEM that is down only grows its lag.
  every(2000, "SIEM forwarding", () => forwardToSiem());
  // With a read replica, the primary stamps a heartbeat the replica's lag is measured by (lib/db/replica.ts).
  if (env().DATABASE_REPLICA_URL)
    every(HEARTBEAT_MS, "Replica heartbeat", () => writeReplicaHeartbeat(), {
      atStart: true,
      lease: "replica-heartbeat",
    });
  // Scheduled reports land in the history when their period ends; expired ones leave it.
  every(REPORT_SWEEP_MS, "Scheduled reports", () => runDueSchedules(), { atStart: true, lease: "scheduled-reports" });
}

type ClockOptions = { atStart?: boolean; lease?: string };

/** Runs a background task on a clock that never keeps the process alive; a run still going skips the tick. */
function every(ms: number, label: string, job: () => Promise<unknown>, options: ClockOptions = {}) {
  let running = false;
  const { lease } = options;
  const task = lease ? () => underLease(lease, job) : job;
  const tick = () => {
    if (running) return;
    running = true;
    task()
      .catch((e) => console.error(`${label} failed`, e))
      .finally(() => (running = false));
  };
  if (options.atStart) tick();
  setInterval(tick, ms).unref();
}
