/** JSON-RPC error codes the gateway answers with (the server-defined range). */
export const WARDEN_DENIED = -32003;
export const WARDEN_APPROVAL_PENDING = -32004;
export const WARDEN_UNAVAILABLE = -32005;

export type DenialData = {
  rule: string;
  reasons: string[];
  approvalId?: string;
  decisionId?: string;
  /** a limit's refusal: when a call may pass again (the next minute, or 00:00 UTC for a daily budget) */
  retryAfterSeconds?: number;
};

/**
 * An error the SDK's Server sends as-is: its `code`, `message` and `data`. Built here rather than as
 * an McpError, whose message would carry the "MCP error <code>:" prefix twice through a client.
 */
export function rpcError(code: number, message: string, data?: unknown): Error {
  return Object.assign(new Error(message), { code, data });
}

/** An upstream's error, passed on with its own code and message (without the client's prefix). */
export function upstreamError(error: unknown): Error {
  const e = error as { code?: unknown; message?: string; data?: unknown };
  const message = (e.message ?? String(error)).replace(/^(MCP error -?\d+: )+/, "");
  return rpcError(Number.isSafeInteger(e.code) ? (e.code as number) : -32603, message, e.data);
}
