const DAY = 86_400_000;

/**
 * Which reminder is due: "14", "7" or "1" once the due date is that close (each sent once per
 * campaign), and "overdue:<day>" each day past it while items stay open. Null: too early to nag.
 */
export function reminderStage(dueAt: Date, now: Date): string | null {
  if (now >= dueAt) return `overdue:${now.toISOString().slice(0, 10)}`;
  const daysLeft = Math.ceil((dueAt.getTime() - now.getTime()) / DAY);
  if (daysLeft <= 1) return "1";
  if (daysLeft <= 7) return "7";
  if (daysLeft <= 14) return "14";
  return null;
}
