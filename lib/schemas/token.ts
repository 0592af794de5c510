import { z } from "zod";
import { TokenScope } from "@/lib/generated/prisma/enums";
import { int, text } from "./safe-input";

export const TOKEN_SCOPES = Object.values(TokenScope);

export const ZCreateTokenInput = z.object({
  name: text().trim().min(1, "Enter a name").max(80),
  scopes: z.array(z.enum(TokenScope)).min(1, "Choose at least one scope"),
  expiresInDays: int(1, 365, "Whole days from 1 to 365"),
});
export type TCreateTokenInput = z.input<typeof ZCreateTokenInput>;
