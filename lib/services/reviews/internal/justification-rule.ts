import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/db/tx";

/** Every decision needs a justification; the review settings may relax it for CERTIFY only. */
export async function assertJustified(tx: Tx, decision: string, justification: string) {
  if (justification.length >= 3) return;
  if (decision === "CERTIFY") {
    const settings = await tx.reviewSettings.findUnique({
      where: { id: 1 },
      select: { certifyNeedsJustification: true },
    });
    if (settings && !settings.certifyNeedsJustification) return;
  }
  throw new AppError("BAD_REQUEST", "Give a justification for this decision (at least 3 characters)", {
    justification: "Required",
  });
}
