import { randomUUID } from "node:crypto";
import { ReadResourceResultSchema, type ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { callerFields } from "./audit-event";
import type { GatewayCore } from "./core";
import { controlResponse } from "./response-controls";
import { rpcError, upstreamError, WARDEN_UNAVAILABLE } from "./rpc-error";
import type { CallerContext } from "./call-path";
import type { Upstream } from "./upstream";

type Contents = ReadResourceResult["contents"];

/**
 * One `resources/read` through the gateway: forwarded, its contents passed through the same response
 * controls as a tool result (denied fields masked, secrets redacted, records cut), and audited with
 * the URI and the outcome, never the contents.
 */
export async function readResource(
  core: GatewayCore,
  upstream: Upstream,
  params: { uri: string },
  caller: CallerContext,
  controls: { deniedFields: string[]; maxRecords: number | null },
): Promise<ReadResourceResult> {
  const started = performance.now();
  const record = (patch: Record<string, unknown>) => {
    try {
      core.spool.done({
        eventId: randomUUID(),
        timestamp: new Date().toISOString(),
        server: upstream.slug,
        ...callerFields(caller),
        requestId: caller.requestId,
        method: "resources/read",
        outcome: "success",
        latencyMs: performance.now() - started,
        ...patch,
        attributes: {
          gatewayId: core.gatewayId,
          uri: params.uri.slice(0, 2000),
          ...(patch.attributes as Record<string, unknown> | undefined),
        },
      });
    } catch (error) {
      core.log("audit spool write failed for a resource read", { level: "error", error });
    }
  };
  if (!core.spool.writable)
    throw rpcError(WARDEN_UNAVAILABLE, "audit_unavailable: the gateway cannot record this read, so it refuses it");
  let result: ReadResourceResult;
  try {
    result = await upstream.client!.request({ method: "resources/read", params }, ReadResourceResultSchema, {
      signal: caller.signal,
      onprogress: caller.onprogress,
    });
  } catch (error) {
    const err = upstreamError(error);
    record({ outcome: "error", errorType: "upstream_error", responseSummary: err.message.slice(0, 500) });
    throw err;
  }
  // The contents travel as embedded resources of a tool result through the controls, and back.
  const controlled = controlResponse(
    { content: result.contents.map((resource) => ({ type: "resource" as const, resource })) },
    controls,
  );
  const contents = controlled.result.content.flatMap((b) => (b.type === "resource" ? [b.resource] : [])) as Contents;
  const { fieldsMasked, valuesRedacted, recordsCut, ...summary } = controlled.summary;
  record({ ...summary, attributes: { response: { fieldsMasked, valuesRedacted, recordsCut } } });
  return { ...result, contents };
}
