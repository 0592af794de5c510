import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { MANIFEST_MAX_BYTES } from "@/lib/schemas/manifest";
import { importManifest } from "@/lib/services/tools/import-manifest";

// The manifest is validated by the service, which answers 422 with the reason.
export const POST = withRoute(
  {
    permission: "manifests.import",
    body: z.unknown(),
    maxBytes: MANIFEST_MAX_BYTES,
    // tools/list exactly as the server reports it (hashed for drift and poisoning checks): refused for a
    // token in it, not for what only looks random (a description's example sha256).
    secretsAllowed: { tokensOnly: "third-party tool definitions, kept and hashed exactly as written" },
  },
  ({ actor, body, params }) => importManifest(actor, params.slug, body),
);
