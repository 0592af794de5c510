import { z } from "zod";
import { TokenScope } from "@/lib/generated/prisma/enums";

export const TOKEN_SCOPES = Object.values(TokenScope);

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80),
  scopes: z.array(z.enum(TokenScope)).min(1, "Choose at least one scope"),
  expiresInDays: z.coerce.number().int("Whole days only").min(1, "At least 1 day").max(365, "At most 365 days"),
});
export type TCreateTokenInput = z.input<typeof ZCreateTokenInput>;
