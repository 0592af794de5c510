import { z } from "zod";
import { text } from "./safe-input";

export const ZCreateAgentInput = z.object({
  name: text().trim().min(1, "Enter a name").max(120),
  clientId: text()
    .trim()
    .min(2)
    .max(120)
    .regex(/^[A-Za-z0-9_.:@\-/]+$/, "Letters, digits and _ . : @ - / only"),
  purpose: text().trim().max(1000).default(""),
  ownerId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  teamId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
});
/** How an agent proves who it is and whom it acts for at a gateway (issue 25). */
export const ZAgentIdentityInput = z.object({
  /** the client_id / azp of its OAuth access tokens; blank or null clears it */
  oauthClientId: z
    .preprocess(
      (v) => (v === "" ? null : v),
      text()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[\x21-\x7e]+$/, "An OAuth client id is printable ASCII without spaces")
        .nullable(),
    )
    .optional(),
  /** whether its static credentials may name the user they act for (x-warden-on-behalf-of) */
  assertsUsers: z.boolean().optional(),
});
/** A limit as a form or the API sends it: a whole number in range, or blank / null for none. */
const limit = (max: number, what: string) => {
  const m = `${what}: a whole number from 1 to ${max.toLocaleString("en")}, or blank for none`;
  return z.preprocess(
    (v) => (v === "" ? null : typeof v === "string" && /^\s*\d{1,12}\s*$/.test(v) ? Number(v) : v),
    z.number(m).int(m).min(1, m).max(max, m).nullable(),
  );
};

/**
 * An agent's own limits (issue 26), shared by every gateway and console: calls a minute per user it acts for
 * (calls with no known user share one counter), and calls a calendar day (UTC). Left out: unchanged.
 */
export const ZAgentLimitsInput = z.object({
  userRateLimitPerMinute: limit(100_000, "Calls a minute per user").optional(),
  dailyCallBudget: limit(100_000_000, "Daily call budget").optional(),
});
export type TAgentLimitsInput = z.input<typeof ZAgentLimitsInput>;
export type TAgentIdentityInput = z.input<typeof ZAgentIdentityInput>;
export type TCreateAgentInput = z.input<typeof ZCreateAgentInput>;
