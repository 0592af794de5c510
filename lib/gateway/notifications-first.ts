import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";

/**
 * Keeps an upstream's messages in the order it sent them. The SDK's Protocol hands a notification to its
 * handler one microtask late, but settles a response at once: a progress notification sent just before its
 * result (server-everything sends its last step so) found its request already answered and was dropped, so
 * the agent never heard the last step. MCP 2025-11-25, Basic › Utilities › Progress: "Progress notifications
 * MUST only reference tokens that ... are associated with an in-progress operation": the server's last one
 * does, when it is sent. Each response therefore waits one microtask too, behind the notifications before it.
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress
 * Call after the client has connected (Protocol.connect sets `onmessage`).
 */
export function notificationsBeforeResponses(transport: Transport): void {
  const deliver = transport.onmessage;
  if (!deliver) return;
  transport.onmessage = (message, extra) => {
    if (!("method" in message) && ("result" in message || "error" in message))
      void Promise.resolve()
        .then(() => deliver(message, extra))
        .catch((error: unknown) => transport.onerror?.(error instanceof Error ? error : new Error(String(error))));
    else deliver(message, extra);
  };
}
