import { siemSecret } from "@/lib/env";
import type { SiemTarget } from "@/lib/generated/prisma/client";
import { classifiedReason } from "@/lib/net/outbound-reasons";

/** A target as Settings shows it: lag in events behind the chain head, last error, delivered count. */
export function siemTargetView(t: SiemTarget, head: bigint) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    url: t.url,
    tokenEnv: t.tokenEnv,
    tokenSet: t.kind === "SYSLOG" || Boolean(t.tokenEnv && siemSecret(t.tokenEnv)),
    allEvents: t.allEvents,
    enabled: t.enabled,
    cursor: t.cursor.toString(),
    lag: (head > t.cursor ? head - t.cursor : 0n).toString(),
    deliveredCount: t.deliveredCount.toString(),
    /** HEC acknowledges each batch (HTTP 2xx); syslog over TCP has no receipt, so its count is of events sent. */
    acknowledged: t.kind === "SPLUNK_HEC",
    failures: t.failures,
    /** A classified reason (lib/net/outbound-reasons.ts), never the target's own words. */
    lastError: classifiedReason(t.lastError),
    lastErrorAt: t.lastErrorAt,
    lastDeliveredAt: t.lastDeliveredAt,
    nextAttemptAt: t.nextAttemptAt,
  };
}
export type SiemTargetView = ReturnType<typeof siemTargetView>;
