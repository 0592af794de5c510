import { z } from "zod";

/**
 * A signed checkpoint as it leaves the database: one file in the anchors folder, and the body of the
 * `audit.checkpoint` webhook (`{ event, checkpoint }`), so a receiver can store each body as a file
 * and hand that folder to `npm run audit:verify -- --anchors DIR`.
 */
export const ZCheckpointAnchor = z.object({
  type: z.literal("warden.audit.checkpoint"),
  version: z.literal(1),
  sequence: z.string().regex(/^[1-9]\d{0,18}$/, "a positive integer"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "64 hex digits"),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits"),
  signature: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
});
export type TCheckpointAnchor = z.infer<typeof ZCheckpointAnchor>;

/** An anchor file holds the anchor itself, or a stored webhook body that wraps it. */
export const ZAnchorFile = z.union([
  ZCheckpointAnchor,
  z.object({ checkpoint: ZCheckpointAnchor }).transform((w) => w.checkpoint),
]);
