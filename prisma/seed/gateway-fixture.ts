import { systemActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { TCreateGrantInput } from "@/lib/schemas/grant";
import type { TManifestTool } from "@/lib/schemas/manifest";
import type { TCreateServerInput } from "@/lib/schemas/server";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { createToken } from "@/lib/services/tokens/create-token";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { seedTeam } from "./factories";
import { seedAgent, seedServer, seedTools } from "./registry-factories";
import { REFERENCE_TOOLS, type ReferenceServer } from "./reference-tools";

const PACKAGES: Record<ReferenceServer, string> = {
  everything: "node node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio",
  filesystem: "node node_modules/@modelcontextprotocol/server-filesystem/dist/index.js <root>",
  memory: "node node_modules/@modelcontextprotocol/server-memory/dist/index.js",
};

/**
 * An ACTIVE server registered under `slug` with the tools of an npm reference MCP server, every one
 * reviewed and approved as it is: what a gateway in front of that server needs to find in Warden.
 */
export async function seedReferenceServer(
  kind: ReferenceServer,
  opts: { slug?: string; ownerTeamId?: string; tools?: TManifestTool[] } = {},
  actor: Actor = systemActor("seed"),
) {
  return seedLiveServer(
    {
      slug: opts.slug ?? kind,
      name: `${kind} (MCP reference server)`,
      description: `The @modelcontextprotocol/server-${kind} package, behind the Warden gateway`,
      transport: "STDIO",
      endpoint: PACKAGES[kind],
      ownerTeamId: opts.ownerTeamId,
    },
    opts.tools ?? REFERENCE_TOOLS[kind],
    actor,
  );
}

/**
 * An ACTIVE server registered with the tools a live MCP server lists (any server: a test fixture, the
 * conformance suite's reference server), every one reviewed and approved as it is.
 */
export async function seedLiveServer(
  server: Pick<TCreateServerInput, "slug" | "name" | "transport" | "endpoint"> &
    Partial<Pick<TCreateServerInput, "description" | "ownerTeamId">>,
  tools: TManifestTool[],
  actor: Actor = systemActor("seed"),
) {
  const created = await seedServer({ environment: "DEV", rateLimitPerMinute: 100_000, ...server }, actor);
  await seedTools(server.slug, tools, actor);
  for (const t of await db().tool.findMany({ where: { serverId: created.id } }))
    await reviewTool(actor, t.id, { definitionHash: t.definitionHash });
  await changeServerStatus(actor, created.id, { status: "PENDING_APPROVAL" });
  await changeServerStatus(actor, created.id, { status: "ACTIVE" });
  return created;
}

/**
 * server-everything, one agent with one grant on it, a gateway token and the agent's credential: the
 * Warden side of a gateway test about one agent.
 */
export async function seedEverythingAgent(
  grant: Omit<TCreateGrantInput, "agentId" | "serverId">,
  opts: { assertsUsers?: boolean; tools?: TManifestTool[] } = {},
  actor: Actor = systemActor("seed"),
) {
  const team = await seedTeam();
  const server = await seedReferenceServer(
    "everything",
    { slug: `every-${team.slug}`, ownerTeamId: team.id, tools: opts.tools },
    actor,
  );
  const agent = await seedAgent({ teamId: team.id, assertsUsers: opts.assertsUsers });
  await createGrant(actor, { agentId: agent.id, serverId: server.id, ...grant });
  const token = await createToken(actor, {
    name: `every-${team.slug}`,
    scopes: ["bundle", "decide", "ingest", "manifest"],
    expiresInDays: 1,
  });
  return {
    slug: server.slug,
    serverId: server.id,
    token: token.token,
    clientId: agent.clientId,
    key: (await issueAgentCredential(actor, agent.id)).secret,
  };
}
