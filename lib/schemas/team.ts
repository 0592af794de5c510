import { z } from "zod";
import { text } from "./safe-input";

export const ZSlug = text()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(63, "Use at most 63 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes");

export const ZCreateTeamInput = z.object({
  slug: ZSlug,
  name: text().trim().min(1, "Enter a name").max(120),
});
export type TCreateTeamInput = z.infer<typeof ZCreateTeamInput>;
