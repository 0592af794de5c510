import { AppError } from "@/lib/errors";
import { OutboundError } from "./outbound-error";
import { endpointOf, resolveOutbound } from "./outbound-guard";

const DENIED =
  "This address is loopback, private, link-local, cloud metadata or Warden itself. Outbound targets must be public, unless the deployment's WARDEN_OUTBOUND_ALLOW names them";

/**
 * The save-time check of an ADMIN-configured target: a 422 naming the field when the URL resolves to a
 * denied address. A name that does not resolve (yet) is accepted: the check at every send is the
 * protection, and it refuses what it cannot resolve.
 */
export async function assertOutboundTarget(url: string, field = "url"): Promise<void> {
  const { host, port } = endpointOf(url);
  try {
    await resolveOutbound(host, port);
  } catch (error) {
    if (error instanceof OutboundError && error.reason === "dns_failed") return;
    if (error instanceof OutboundError && error.reason === "address_denied")
      throw new AppError("UNPROCESSABLE", `${field}: ${DENIED}`, { [field]: DENIED });
    throw error;
  }
}
