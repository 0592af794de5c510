import { errorResponse } from "@/lib/api/error-response";
import { readJsonBody } from "@/lib/api/parse-input";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { clientAddress } from "@/lib/http/client-address";
import { parseWith } from "@/lib/schemas/parse";
import { ZLinkSsoWithPasswordInput } from "@/lib/schemas/sso";
import { linkSsoIdentityWithPassword } from "@/lib/services/auth/link-sso-identity-with-password";

// No session yet, so not withRoute: the caller proves the account's password (with its backoff) and holds
// the link token. The same cross-site and body rules as every console mutation apply.
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    const body = parseWith(ZLinkSsoWithPasswordInput, await readJsonBody(req), "link request");
    return Response.json(await linkSsoIdentityWithPassword(body, { address: clientAddress(req.headers) }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
