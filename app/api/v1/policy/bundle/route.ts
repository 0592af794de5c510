import { withRoute } from "@/lib/api/with-route";
import { clientAddress } from "@/lib/auth/sign-in-attempt";
import { ZPolicyBundleQuery } from "@/lib/schemas/policy-bundle";
import { recordGatewayContact } from "@/lib/services/gateways/record-gateway-contact";
import { getPolicyBundle } from "@/lib/services/policy/get-policy-bundle";

export const dynamic = "force-dynamic";

/**
 * Warden gateways (token scope `bundle`) fetch the decision snapshot, and long-poll for changes. Each
 * poll is also the gateway's heartbeat (x-warden-gateway-id), recorded as it starts and when it answers.
 */
export const GET = withRoute(
  { permission: "policy.bundle", auth: "token", query: ZPolicyBundleQuery },
  async ({ actor, query, req }) => {
    const h = req.headers;
    const contact = {
      gatewayId: h.get("x-warden-gateway-id"),
      upstreams: h.get("x-warden-gateway-upstreams"),
      heldEtag: h.get("if-none-match"),
      address: clientAddress({ "x-forwarded-for": h.get("x-forwarded-for") ?? undefined }),
    };
    await recordGatewayContact(actor, contact);
    const result = await getPolicyBundle(actor, { ifNoneMatch: contact.heldEtag, waitSeconds: query.wait, signal: req.signal });
    await recordGatewayContact(actor, { ...contact, servedEtag: result.etag });
    const headers = { etag: result.etag, "cache-control": "no-store" };
    if (result.status === 304) return new Response(null, { status: 304, headers });
    return new Response(result.body, { headers: { ...headers, "content-type": "application/json" } });
  },
);
