import { z } from "zod";
import { AUDIT_CATEGORIES } from "./audit-category";
import { normaliseOutcome, OUTCOMES } from "./outcome";
import { normaliseRule } from "./rule";
import { ZCursor } from "./cursor";
import { utcDay } from "./utc-day";
import { blankAsUndefined, date, int, text } from "./safe-input";
import { ZUserSource } from "./user-source";

const opt = (s: z.ZodString) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Explorer filters: also the shape of a shareable explorer URL's query string. */
export const ZAuditListQuery = z.object({
  from: blankAsUndefined(date()),
  to: blankAsUndefined(date()),
  /** an inclusive UTC day (YYYY-MM-DD): rows before the next day's 00:00 UTC, as forms with "Until" mean */
  until: blankAsUndefined(utcDay()),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AUDIT_CATEGORIES).optional()),
  server: opt(text().max(120)),
  tool: opt(text().max(128)),
  agent: opt(text().max(120)),
  onBehalfOf: opt(text().max(254)),
  /** how the user was known; "none" also finds records written before the field existed */
  userSource: z.preprocess((v) => (v === "" ? undefined : v), ZUserSource.optional()),
  /** One vocabulary; other spellings ("denied") are accepted and mean the same outcome. */
  outcome: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : typeof v === "string" ? (normaliseOutcome(v) ?? v) : v),
    z.enum(OUTCOMES, `outcome must be one of ${OUTCOMES.join(", ")}`).optional(),
  ),
  /** The rule that decided a call, in the one rule vocabulary: "field_denied" finds denied_field rows too. */
  rule: z.preprocess((v) => (v === "" ? undefined : v), text().max(256).transform(normaliseRule).optional()),
  targetId: opt(text().max(64)),
  /** the exact events behind a finding: comma-separated event ids */
  eventId: opt(text().max(2000)),
  q: opt(text().max(200)),
  /** opaque keyset cursor: "<occurredAt ms>.<sequence>" of the last row seen */
  cursor: ZCursor,
  limit: int(1, 200).default(50),
});
export type TAuditListQuery = z.input<typeof ZAuditListQuery>;
