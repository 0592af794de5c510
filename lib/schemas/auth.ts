import { z } from "zod";
import { text } from "./safe-input";

export const ZSignInInput = z.object({
  email: text().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: text().min(1, "Enter your password").max(1024),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
