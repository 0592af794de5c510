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
export type TAgentIdentityInput = z.input<typeof ZAgentIdentityInput>;
export type TCreateAgentInput = z.input<typeof ZCreateAgentInput>;
