import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { text } from "./safe-input";

export const ROLES = Object.values(Role);

export const ZRole = z.enum(Role);

export const ZPassword = text().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters");

const email = text().trim().toLowerCase().pipe(z.email("Enter a valid email address"));
const name = text().trim().min(1, "Enter a name").max(120);
const roles = z.array(ZRole).min(1, "Choose at least one role").max(ROLES.length);
const teamIds = z.array(z.uuid("Unknown team")).max(50);

export const ZCreateUserInput = z.object({
  email,
  name,
  password: ZPassword,
  roles,
  teamIds: teamIds.default([]),
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z
  .object({ name, roles, teamIds, disabled: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change");
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;
