import { z } from "zod";

export const ZCreateAgentInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120),
  clientId: z
    .string()
    .trim()
    .min(2)
    .max(120)
    .regex(/^[A-Za-z0-9_.:@\-/]+$/, "Letters, digits and _ . : @ - / only"),
  purpose: z.string().trim().max(1000).default(""),
  ownerId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
  teamId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
});
export type TCreateAgentInput = z.input<typeof ZCreateAgentInput>;
