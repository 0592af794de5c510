import { errorResponse } from "@/lib/api/error-response";
import { parseInput } from "@/lib/api/parse-input";
import { ZLinkSsoWithPasswordInput, type TLinkSsoWithPasswordInput } from "@/lib/schemas/sso";
import { linkSsoIdentityWithPassword } from "@/lib/services/auth/link-sso-identity-with-password";

// No session yet: the caller proves the account's password (with its lockout) and holds the link token.
export async function POST(req: Request) {
  try {
    const { body } = await parseInput(req, ZLinkSsoWithPasswordInput);
    return Response.json(await linkSsoIdentityWithPassword(body as TLinkSsoWithPasswordInput));
  } catch (error) {
    return errorResponse(error);
  }
}
