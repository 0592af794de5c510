import { z } from "zod";

/**
 * How the user a call is made for was known: `verified` (the subject of an access token the gateway
 * validated), `asserted` (named in x-warden-on-behalf-of by an agent trusted to assert users) or `none`.
 * Separation-of-duties rules bind to verified users only: an agent's word never takes a vote away.
 */
export const USER_SOURCES = ["verified", "asserted", "none"] as const;
export type UserSource = (typeof USER_SOURCES)[number];
export const ZUserSource = z.enum(USER_SOURCES, { error: `userSource must be one of ${USER_SOURCES.join(", ")}` });

/** A caller that names a user without saying how it knows them is taking the agent's word: asserted. */
export const userSourceOf = (onBehalfOf: string | null | undefined, said?: UserSource): UserSource =>
  onBehalfOf ? (said === "none" || !said ? "asserted" : said) : "none";
