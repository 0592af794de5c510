import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isJSONRPCErrorResponse, isJSONRPCResultResponse } from "@modelcontextprotocol/sdk/types.js";

/**
 * Puts what the server sends an agent session on that session's standalone GET stream whenever the stream of
 * the request it relates to cannot carry it: in JSON response mode (a POST is answered with one JSON body,
 * and the SDK drops a notification or request meant for it), or once that request is answered (the SDK
 * throws "No connection established"). A log message, a resource update or a sampling request thus reaches
 * the agent session it belongs to, and no other (each session has its own transport).
 *
 * MCP 2025-11-25, Basic › Transports › Streamable HTTP › Listening for Messages from the Server: "The client
 * MAY issue an HTTP GET to the MCP endpoint. This can be used to open an SSE stream, allowing the server to
 * communicate to the client, without the client first sending data via HTTP POST. ... The server MAY send
 * JSON-RPC requests and notifications on the stream." And › Multiple Connections: "The server MUST send each
 * of its JSON-RPC messages on only one of the connected streams". A message stays on its request's stream
 * when that stream can carry it; it is moved, never copied.
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#listening-for-messages-from-the-server
 *
 * Progress for an answered request is not moved: it no longer refers to an operation in progress
 * (Basic › Utilities › Progress).
 */
export function standaloneWhenUnrelatable(transport: StreamableHTTPServerTransport, jsonResponses: boolean): void {
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    const related = options?.relatedRequestId;
    if (related === undefined || isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message))
      return send(message, options);
    const standalone = { ...options, relatedRequestId: undefined };
    if (jsonResponses) return send(message, standalone);
    try {
      return await send(message, options);
    } catch (error) {
      const answered = error instanceof Error && error.message.startsWith("No connection established");
      if (!answered || ("method" in message && message.method === "notifications/progress")) throw error;
      return send(message, standalone);
    }
  };
}
