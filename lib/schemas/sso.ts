import { z } from "zod";

const token = z.string().trim().min(20, "This link is not valid").max(200, "This link is not valid");

/** Proving an existing account's password once, to link the single sign-on identity that was offered. */
export const ZLinkSsoWithPasswordInput = z.object({
  token,
  password: z.string().min(1, "Enter your password").max(1024),
});
export type TLinkSsoWithPasswordInput = z.infer<typeof ZLinkSsoWithPasswordInput>;

/** The id of a link request or a linked identity, from the URL. */
export const ZSsoRecordId = z.uuid("Not a valid id");
