import { z } from "zod";
import { FindingStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import { text } from "./safe-input";

export const ZFindingStatusInput = z.object({
  status: z.enum(FindingStatus),
  note: text().trim().max(1000).optional(),
});
export type TFindingStatusInput = z.infer<typeof ZFindingStatusInput>;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** Findings triage: filter by severity, type, status and entity; newest-worst first. */
export const ZFindingListQuery = z.object({
  severity: optional(z.enum(RiskLevel)),
  type: optional(text().trim().max(60)),
  status: optional(z.enum(FindingStatus)),
  entity: optional(text().trim().max(200)),
});
export type TFindingListQuery = z.input<typeof ZFindingListQuery>;
