import { z } from "zod";

export const ZFindingStatusInput = z.object({
  status: z.enum(["OPEN", "ACKNOWLEDGED", "RESOLVED"]),
  note: z.string().trim().max(1000).optional(),
});
export type TFindingStatusInput = z.infer<typeof ZFindingStatusInput>;
