import { randomUUID } from "node:crypto";
import { systemActor, type Actor } from "@/lib/authz/actor";
import type { TCreateServerInput } from "@/lib/schemas/server";
import type { TManifestTool } from "@/lib/schemas/manifest";
import { createAgent } from "@/lib/services/agents/create-agent";
import { setAgentIdentity } from "@/lib/services/agents/set-agent-identity";
import { createServer } from "@/lib/services/servers/create-server";
import { importManifest } from "@/lib/services/tools/import-manifest";

const seeder = systemActor("seed");

export async function seedServer(overrides: Partial<TCreateServerInput> = {}, actor: Actor = seeder) {
  const slug = overrides.slug ?? `srv-${randomUUID().slice(0, 8)}`;
  return createServer(actor, {
    slug,
    name: slug,
    environment: "DEV",
    transport: "STREAMABLE_HTTP",
    endpoint: `https://mcp.corp.example/${slug}`,
    ...overrides,
  });
}

export function tool(name: string, extra: Partial<TManifestTool> = {}): TManifestTool {
  return {
    name,
    description: extra.description ?? `${name.replaceAll("_", " ")}`,
    inputSchema: { type: "object", properties: { id: { type: "string" } }, ...(extra.inputSchema ?? {}) },
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
    ...(extra.title ? { title: extra.title } : {}),
  };
}

export async function seedTools(serverSlug: string, tools: TManifestTool[], actor: Actor = seeder) {
  return importManifest(actor, serverSlug, { tools });
}

export async function seedAgent(
  overrides: {
    name?: string;
    clientId?: string;
    ownerId?: string;
    teamId?: string;
    purpose?: string;
    assertsUsers?: boolean;
  } = {},
) {
  const clientId = overrides.clientId ?? `agent-${randomUUID().slice(0, 8)}`;
  const agent = await createAgent(seeder, {
    name: overrides.name ?? clientId,
    clientId,
    purpose: overrides.purpose ?? "",
    ownerId: overrides.ownerId,
    teamId: overrides.teamId,
  });
  if (overrides.assertsUsers) return setAgentIdentity(seeder, agent.id, { assertsUsers: true });
  return agent;
}
