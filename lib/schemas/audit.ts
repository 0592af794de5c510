import { z } from "zod";
import { normaliseOutcome, OUTCOMES } from "./outcome";

export const AUDIT_CATEGORIES = ["AUTH", "ADMIN", "TOOL_CALL", "DECISION", "APPROVAL"] as const;

const opt = (s: z.ZodString) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Explorer filters: also the shape of a shareable explorer URL's query string. */
export const ZAuditListQuery = z.object({
  from: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  to: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AUDIT_CATEGORIES).optional()),
  server: opt(z.string().max(120)),
  tool: opt(z.string().max(128)),
  agent: opt(z.string().max(120)),
  onBehalfOf: opt(z.string().max(254)),
  /** One vocabulary; other spellings ("denied") are accepted and mean the same outcome. */
  outcome: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : typeof v === "string" ? (normaliseOutcome(v) ?? v) : v),
    z.enum(OUTCOMES, `outcome must be one of ${OUTCOMES.join(", ")}`).optional(),
  ),
  targetId: opt(z.string().max(64)),
  /** the exact events behind a finding: comma-separated event ids */
  eventId: opt(z.string().max(2000)),
  q: opt(z.string().max(200)),
  /** opaque keyset cursor: "<occurredAt ms>.<sequence>" of the last row seen */
  cursor: opt(z.string().regex(/^\d+\.\d+$/, "Invalid cursor")),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditListQuery = z.input<typeof ZAuditListQuery>;
