import type { ApprovalState } from "@/lib/schemas/approval";
import type { DecisionResponse, TDecisionInput } from "@/lib/schemas/decision";
import { z } from "zod";
import { ZIngestAnswer } from "@/lib/schemas/ingest";
import type { GatewayEvent } from "./audit-event";

/** Warden's answer to a batch, read leniently: a missing `rejected` means nothing was refused. */
const ZLenientIngestAnswer = ZIngestAnswer.extend({ rejected: ZIngestAnswer.shape.rejected.default([]) });
export type IngestAnswer = z.infer<typeof ZLenientIngestAnswer>;

/** How a gateway names itself to Warden on each bundle poll, so the console can list it. */
/** What a gateway tells Warden about itself on each bundle poll; `auth` is "static" or "oauth <issuer>". */
export type GatewayIdentity = { gatewayId: string; upstreams: readonly string[]; auth?: string };

/** Warden's machine API, as a gateway calls it: bearer token, JSON, a timeout on every request. */
export class WardenClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly identity?: GatewayIdentity,
  ) {}

  private async call(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
    const signal = AbortSignal.timeout(init.timeoutMs ?? 10_000);
    return fetch(new URL(path, this.baseUrl), {
      ...init,
      signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json", ...init.headers },
    });
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.call(path, init);
    const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
    if (!res.ok) throw new Error(`Warden ${path} answered ${res.status}: ${body.error?.message ?? res.statusText}`);
    return body;
  }

  /**
   * The policy bundle; with an ETag, waits up to `waitSeconds` for a change (304, with the ETag Warden
   * confirms). Anything but a 200 or a 304 throws: a 503 from a stopping Warden confirms nothing.
   */
  async bundle(etag: string | null, waitSeconds: number, signal?: AbortSignal) {
    const headers: Record<string, string> = etag ? { "if-none-match": etag } : {};
    if (this.identity) {
      headers["x-warden-gateway-id"] = this.identity.gatewayId;
      headers["x-warden-gateway-upstreams"] = this.identity.upstreams.join(",");
      if (this.identity.auth) headers["x-warden-gateway-auth"] = this.identity.auth;
    }
    const res = await this.call(`/api/v1/policy/bundle?wait=${etag ? waitSeconds : 0}`, {
      method: "GET",
      headers,
      timeoutMs: (waitSeconds + 10) * 1000,
      signal,
    });
    if (res.status === 304) return { status: 304 as const, etag: res.headers.get("etag") };
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new Error(`Warden bundle answered ${res.status}`);
    }
    return { status: 200 as const, text: await res.text() };
  }

  decide(input: TDecisionInput): Promise<DecisionResponse> {
    return this.json("/api/v1/decisions", { method: "POST", body: JSON.stringify(input) });
  }

  approval(id: string): Promise<ApprovalState> {
    return this.json(`/api/v1/approvals/${encodeURIComponent(id)}`, { method: "GET" });
  }

  reportManifest(slug: string, tools: unknown[]): Promise<{ changed: string[]; added: string[] }> {
    return this.json(`/api/v1/servers/${encodeURIComponent(slug)}/manifest`, {
      method: "POST",
      body: JSON.stringify({ tools }),
    });
  }

  /**
   * Sends a batch; Warden stores each valid event (idempotent by eventId) and names the ones it refused.
   * Throws, with the status, when Warden refuses the batch whole or cannot be reached.
   */
  async ingest(events: GatewayEvent[]): Promise<IngestAnswer> {
    const res = await this.call("/api/v1/audit/events", {
      method: "POST",
      body: JSON.stringify({ events }),
      timeoutMs: 30_000,
    });
    if (res.ok) {
      const parsed = ZLenientIngestAnswer.safeParse(await res.json().catch(() => null));
      if (parsed.success) return parsed.data;
      throw Object.assign(new Error("Warden ingest answered 200 with a body it does not recognise"), { status: 502 });
    }
    const text = await res.text().catch(() => "");
    throw Object.assign(new Error(`Warden ingest answered ${res.status}: ${text.slice(0, 500)}`), {
      status: res.status,
    });
  }
}
