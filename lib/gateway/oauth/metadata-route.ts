import type { IncomingMessage, ServerResponse } from "node:http";
import type { GatewayCore } from "../core";
import { METADATA_PREFIX, metadataSlugOf, resourceMetadata } from "./resource-metadata";

/**
 * Serves RFC 9728 protected resource metadata at the well-known URI of each /mcp/<slug> (RFC 9728 §3.1),
 * which MCP clients fetch after a 401 (MCP 2025-11-25, Authorization › Authorization Server Discovery).
 * Answers true when it handled the request; 404 for any other well-known path, or when OAuth is off.
 */
export function handleResourceMetadata(core: GatewayCore, url: URL, req: IncomingMessage, res: ServerResponse) {
  if (!url.pathname.startsWith(METADATA_PREFIX)) return false;
  const { oauth, public_url: publicUrl } = core.config;
  const slug = oauth && publicUrl ? metadataSlugOf(url.pathname, publicUrl) : undefined;
  if (!slug || !core.upstreams.has(slug) || !oauth || !publicUrl) {
    res
      .writeHead(404, { "content-type": "application/json" })
      .end(JSON.stringify({ error: "no such protected resource" }));
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res
      .writeHead(405, { allow: "GET, HEAD", "content-type": "application/json" })
      .end('{"error":"method not allowed"}');
    return true;
  }
  const body = JSON.stringify(resourceMetadata(oauth, publicUrl, slug));
  res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=300" }).end(body);
  return true;
}
