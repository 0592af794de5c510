import { z } from "zod";

/** `?wait=30`: long-poll up to that many seconds for a change to the bundle named by If-None-Match. */
export const ZPolicyBundleQuery = z.object({
  wait: z.coerce.number().int("Whole seconds only").min(0).max(60, "wait is at most 60 seconds").default(0),
});
