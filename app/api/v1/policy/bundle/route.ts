import { withRoute } from "@/lib/api/with-route";
import { ZPolicyBundleQuery } from "@/lib/schemas/policy-bundle";
import { assertServerRunning } from "@/lib/server-stopping";
import { recordGatewayContact } from "@/lib/services/gateways/record-gateway-contact";
import { getPolicyBundle } from "@/lib/services/policy/get-policy-bundle";

export const dynamic = "force-dynamic";

/** Warden gateways (token scope `bundle`) fetch the decision snapshot, long-poll for changes, and say who they are. */
export const GET = withRoute(
  { permission: "policy.bundle", auth: "token", query: ZPolicyBundleQuery },
  async ({ actor, query, req }) => {
    const result = await getPolicyBundle(actor, {
      ifNoneMatch: req.headers.get("if-none-match"),
      waitSeconds: query.wait,
      signal: req.signal,
    });
    // After this answer the gateway holds this ETag (it confirmed it, or is given it).
    const gatewayId = req.headers.get("x-warden-gateway-id");
    if (gatewayId && actor.type === "TOKEN")
      await recordGatewayContact(actor, {
        gatewayId,
        upstreams: req.headers.get("x-warden-gateway-upstreams") ?? "",
        heldEtag: result.etag,
        auth: req.headers.get("x-warden-gateway-auth"),
      });
    // A stop that began while this poll was being answered (the contact write takes a moment) makes it a
    // 503 too: a gateway counts a 304 it receives after the stop as fresh contact.
    assertServerRunning();
    const headers = { etag: result.etag, "cache-control": "no-store" };
    if (result.status === 304) return new Response(null, { status: 304, headers });
    return new Response(result.body, { headers: { ...headers, "content-type": "application/json" } });
  },
);
