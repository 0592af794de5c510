import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/**
 * Through the console API, as an admin: a team with its own OWNER (who signs in), an ACTIVE server
 * that owner is primary owner of, three agents with grants given by the admin, a day of traffic for
 * two of them (so the third is the unused one), and a `decide` token for the gateway.
 */
export async function reviewWorld(admin: Page, password: string) {
  const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const r = admin.request;
  const ok = async (
    p: Promise<{ status(): number; json(): Promise<unknown>; text(): Promise<string> }>,
    status = 200,
  ) => {
    const res = await p;
    expect(res.status(), await res.text()).toBe(status);
    return res.json() as Promise<Record<string, unknown> & { id: string }>;
  };
  const team = await ok(r.post("/api/console/teams", { data: { slug: `rev-${id}`, name: `Review team ${id}` } }), 201);
  const ownerEmail = `owner-${id}@test.local`;
  const owner = await ok(
    r.post("/api/console/users", {
      data: { email: ownerEmail, name: `Olga ${id}`, password, roles: ["OWNER"], teamIds: [team.id] },
    }),
    201,
  );
  const slug = `hr-${id}`;
  const server = await ok(
    r.post("/api/console/servers", {
      data: {
        slug,
        name: `HR ${id}`,
        environment: "DEV",
        transport: "STREAMABLE_HTTP",
        endpoint: "https://mcp.corp.example/hr",
        ownerTeamId: team.id,
        primaryOwnerId: owner.id,
      },
    }),
    201,
  );
  await ok(
    r.post(`/api/console/servers/${slug}/manifest`, {
      data: {
        tools: [
          {
            name: "list_people",
            description: "List people",
            inputSchema: { type: "object" },
            annotations: { readOnlyHint: true },
          },
          {
            name: "get_person",
            description: "Read one person",
            inputSchema: { type: "object" },
            annotations: { readOnlyHint: true },
          },
        ],
      },
    }),
  );
  const detail = await ok(r.get(`/api/console/servers/${slug}`));
  for (const t of detail.tools as { id: string; definitionHash: string }[])
    await ok(r.post(`/api/console/tools/${t.id}/review`, { data: { definitionHash: t.definitionHash } }));
  const agents: Record<"daily" | "weekly" | "unused", string> = { daily: "", weekly: "", unused: "" };
  for (const name of Object.keys(agents) as (keyof typeof agents)[]) {
    const agent = await ok(
      r.post("/api/console/agents", {
        data: { name: `${name} bot ${id}`, clientId: `${name}-${id}`, teamId: team.id },
      }),
      201,
    );
    agents[name] = `${name}-${id}`;
    await ok(
      r.post("/api/console/grants", {
        data: {
          agentId: agent.id,
          serverId: server.id,
          allowedTools: ["list_people", "get_person"],
          allowedOperations: ["read"],
          maxRecords: 50,
          expiresAt: new Date(Date.now() + 180 * 86_400_000).toISOString(),
        },
      }),
      201,
    );
  }
  await ok(r.post(`/api/console/servers/${slug}/status`, { data: { status: "PENDING_APPROVAL" } }));
  await ok(r.post(`/api/console/servers/${slug}/status`, { data: { status: "ACTIVE" } }));
  const token = async (scopes: string[]) =>
    (
      await ok(
        r.post("/api/console/tokens", { data: { name: `rev-${scopes[0]}-${id}`, scopes, expiresInDays: 1 } }),
        201,
      )
    ).token as string;
  const [decide, ingest] = [await token(["decide"]), await token(["ingest"])];
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const calls = [agents.daily, agents.weekly].map((agent) => ({
    timestamp: yesterday,
    server: slug,
    tool: "list_people",
    agent,
    outcome: "success",
  }));
  await ok(r.post("/api/v1/audit/events", { data: calls, headers: { authorization: `Bearer ${ingest}` } }));
  return { id, team: `Review team ${id}`, ownerEmail, slug, agents, decide };
}
