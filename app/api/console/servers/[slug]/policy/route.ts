import { withRoute } from "@/lib/api/with-route";
import { ZImportPolicyInput } from "@/lib/schemas/policy";
import { exportPolicy } from "@/lib/services/policy/export-policy";
import { importPolicy } from "@/lib/services/policy/import-policy";

export const GET = withRoute({ permission: "servers.read" }, ({ actor, params }) => exportPolicy(actor, params.slug));

/** `apply: false` previews the diff; `apply: true` writes it. */
export const POST = withRoute({ permission: "servers.manage", body: ZImportPolicyInput }, ({ actor, body, params }) =>
  importPolicy(actor, params.slug, body),
);
