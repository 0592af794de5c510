import { withRoute } from "@/lib/api/with-route";
import { ZPolicyBundleQuery } from "@/lib/schemas/policy-bundle";
import { getPolicyBundle } from "@/lib/services/policy/get-policy-bundle";

export const dynamic = "force-dynamic";

/** Warden gateways (token scope `bundle`) fetch the decision snapshot, and long-poll for changes. */
export const GET = withRoute(
  { permission: "policy.bundle", auth: "token", query: ZPolicyBundleQuery },
  async ({ actor, query, req }) => {
    const result = await getPolicyBundle(actor, {
      ifNoneMatch: req.headers.get("if-none-match"),
      waitSeconds: query.wait,
      signal: req.signal,
    });
    const headers = { etag: result.etag, "cache-control": "no-store" };
    if (result.status === 304) return new Response(null, { status: 304, headers });
    return new Response(result.body, { headers: { ...headers, "content-type": "application/json" } });
  },
);
