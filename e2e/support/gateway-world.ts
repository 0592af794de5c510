import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";

/**
 * Through the console API, as an admin: an ACTIVE server with a LOW and a HIGH tool, an agent and a
 * grant, plus a `decide` token for a script-driven gateway. Returns what the gateway needs.
 */
export async function gatewayWorld(admin: Page, ownerEmail?: string) {
  const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const ok = async (p: Promise<{ status(): number; json(): Promise<unknown> }>, status = 200) => {
    const res = await p;
    expect(res.status()).toBe(status);
    return res.json() as Promise<Record<string, unknown> & { id: string }>;
  };
  const r = admin.request;
  const team = await ok(r.post("/api/console/teams", { data: { slug: `gw-${id}`, name: `Gateway ${id}` } }), 201);
  const server = await ok(
    r.post("/api/console/servers", {
      data: {
        slug: `crm-${id}`,
        name: `CRM ${id}`,
        environment: "DEV",
        transport: "STREAMABLE_HTTP",
        endpoint: "https://mcp.corp.example/crm",
        ownerTeamId: team.id,
        rateLimitPerMinute: 1000,
      },
    }),
    201,
  );
  await ok(
    r.post(`/api/console/servers/crm-${id}/manifest`, {
      data: {
        tools: [
          {
            name: "query_records",
            description: "Query records",
            inputSchema: { type: "object" },
            annotations: { readOnlyHint: true },
          },
          { name: "update_record", description: "Update a record", inputSchema: { type: "object" } },
        ],
      },
    }),
  );
  const detail = await ok(r.get(`/api/console/servers/crm-${id}`));
  for (const t of detail.tools as { id: string; definitionHash: string }[])
    await ok(r.post(`/api/console/tools/${t.id}/review`, { data: { definitionHash: t.definitionHash } }));
  const users = (await ok(r.get("/api/console/users"))) as unknown as { id: string; email: string }[];
  const owner = users.find((u) => u.email === ownerEmail);
  const agent = await ok(
    r.post("/api/console/agents", {
      data: { name: `Bot ${id}`, clientId: `bot-${id}`, teamId: team.id, ownerId: owner?.id },
    }),
    201,
  );
  await ok(
    r.post("/api/console/grants", {
      data: {
        agentId: agent.id,
        serverId: server.id,
        allowedTools: ["query_records", "update_record"],
        allowedOperations: ["read", "write"],
        maxRecords: 100,
      },
    }),
    201,
  );
  await ok(r.post(`/api/console/servers/crm-${id}/status`, { data: { status: "PENDING_APPROVAL" } }));
  await ok(r.post(`/api/console/servers/crm-${id}/status`, { data: { status: "ACTIVE" } }));
  const token = (
    await ok(
      r.post("/api/console/tokens", { data: { name: `gateway-${id}`, scopes: ["decide"], expiresInDays: 1 } }),
      201,
    )
  ).token as string;
  return { slug: `crm-${id}`, serverId: server.id, agent: `bot-${id}`, agentId: agent.id, token };
}

export function gatewayClient(request: APIRequestContext, token: string) {
  return {
    decide: async (body: Record<string, unknown>) => {
      const res = await request.post("/api/v1/decisions", {
        data: body,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status()).toBe(200);
      return res.json() as Promise<{ decision: string; approvalId?: string; reasons: string[] }>;
    },
    poll: async (approvalId: string) =>
      (await request.get(`/api/v1/approvals/${approvalId}`, { headers: { authorization: `Bearer ${token}` } })).json(),
  };
}
