import { escalateOverdue, ESCALATION_SWEEP_MS } from "@/lib/services/approvals/escalate-overdue";
import { maybeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { runDueSchedules, SCHEDULE_SWEEP_MS as REPORT_SWEEP_MS } from "@/lib/services/reports/run-due-schedules";
import { ROTATION_SWEEP_MS, sweepRotationFindings } from "@/lib/services/findings/sweep-rotation-findings";
import { applyDueDefaults, DUE_DEFAULTS_SWEEP_MS } from "@/lib/services/reviews/apply-due-defaults";
import { createScheduledCampaign, SCHEDULE_SWEEP_MS } from "@/lib/services/reviews/create-scheduled-campaign";
import { REMINDER_SWEEP_MS, sendReviewReminders } from "@/lib/services/reviews/send-review-reminders";
import { forwardToSiem } from "@/lib/services/siem/forward-to-siem";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhooks";

/** Starts the clocks each server process runs; each task is safe to run on several instances at once. */
export function startBackgroundClocks(): void {
  // Checkpoints come on a clock: a minute at most between the last record and a signed head covering it.
  every(15_000, "Checkpoint", () => maybeCheckpoint());
  // Credentials go overdue with the calendar alone: look for them at start and on a clock.
  every(ROTATION_SWEEP_MS, "Rotation sweep", () => sweepRotationFindings(), { atStart: true });
  // Requests pending at half their lifetime go to the fallback approvers, whether anyone looks or not.
  every(ESCALATION_SWEEP_MS, "Escalation", () => escalateOverdue());
  // Access reviews run on the calendar: this period's scheduled campaign, reminders, and the due date's
  // default action. Each claims its work in the database, so instances never double it.
  every(SCHEDULE_SWEEP_MS, "Review schedule", () => createScheduledCampaign(), { atStart: true });
  every(REMINDER_SWEEP_MS, "Review reminders", () => sendReviewReminders(), { atStart: true });
  every(DUE_DEFAULTS_SWEEP_MS, "Review deadlines", () => applyDueDefaults(), { atStart: true });
  // Webhook deliveries leave on their own clock, so a slow receiver never holds up a decision.
  every(2000, "Webhook delivery", deliverDueWebhooks);
  // SIEM forwarding reads the log behind ingest, from a durable cursor: a SIEM that is down only grows its lag.
  every(2000, "SIEM forwarding", forwardToSiem);
  // Scheduled reports land in the history when their period ends; expired ones leave it.
  every(REPORT_SWEEP_MS, "Scheduled reports", runDueSchedules, { atStart: true });
}

/** Runs a background task on a clock that never keeps the process alive; a run still going skips the tick. */
function every(ms: number, label: string, task: () => Promise<unknown>, options: { atStart?: boolean } = {}) {
  let running = false;
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
