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
export type TCreateAgentInput = z.input<typeof ZCreateAgentInput>;
