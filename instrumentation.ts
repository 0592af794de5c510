export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDatabase } = await import("@/lib/db/bootstrap");
  await ensureDatabase();
  // Checkpoints also come on a clock: at least hourly while the chain grows, even with little traffic.
  const { maybeCheckpoint } = await import("@/lib/services/audit/write-checkpoint");
  setInterval(() => void maybeCheckpoint().catch((e) => console.error("Checkpoint failed", e)), 5 * 60_000).unref();
  // Credentials go overdue with the calendar alone: look for them at start and on a clock.
  const { sweepRotationFindings, ROTATION_SWEEP_MS } = await import("@/lib/services/findings/sweep-rotation-findings");
  const sweep = () => void sweepRotationFindings().catch((e) => console.error("Rotation sweep failed", e));
  sweep();
  setInterval(sweep, ROTATION_SWEEP_MS).unref();
  // Requests pending at half their lifetime go to the fallback approvers, whether anyone looks or not.
  const { escalateOverdue, ESCALATION_SWEEP_MS } = await import("@/lib/services/approvals/escalate-overdue");
  setInterval(() => void escalateOverdue().catch((e) => console.error("Escalation failed", e)), ESCALATION_SWEEP_MS).unref();
  // Webhook deliveries leave on their own clock, so a slow receiver never holds up a decision.
  const { deliverDueWebhooks } = await import("@/lib/services/webhooks/deliver-webhooks");
  let delivering = false;
  setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverDueWebhooks().catch((e) => console.error("Webhook delivery failed", e)).finally(() => (delivering = false));
  }, 2000).unref();
}
