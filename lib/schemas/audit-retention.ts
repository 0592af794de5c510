import { z } from "zod";
import { DataClassification } from "@/lib/generated/prisma/enums";
import { int } from "./safe-input";

/** A hundred years: above any retention a regulation asks for. */
const MAX_DAYS = 36_500;
const days = int(1, MAX_DAYS);
/** An override left empty in the form means none. */
const override = z.preprocess((v) => (v === "" || v === undefined ? null : v), days.nullable());

export const RETENTION_CLASSES = Object.values(DataClassification);

/** The organisation's audit retention, and per data classification of a server, an override (null: none). */
export const ZAuditRetentionInput = z
  .object({
    auditRetentionDays: days,
    auditRetentionByClass: z
      .object(
        Object.fromEntries(RETENTION_CLASSES.map((c) => [c, override.optional()])) as Record<
          DataClassification,
          z.ZodOptional<typeof override>
        >,
      )
      .strict()
      .default({}),
  })
  .strict();
export type TAuditRetentionInput = z.input<typeof ZAuditRetentionInput>;
