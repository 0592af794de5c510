import path from "node:path";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/services/grants/create-grant";
import { updateTool } from "@/lib/services/tools/update-tool";
import type { TArgumentRuleInput } from "@/lib/schemas/argument-rule";
import { seedReferenceServer } from "./gateway-fixture";
import { DEMO_FILES_DIR } from "./reference-tools";
import { seedAgent } from "./registry-factories";

export const DEMO_GATEWAY_AGENT = "demo-agent";

/**
 * The three npm reference servers behind the demo gateway (`npm run gateway:demo`), their tools
 * reviewed, and `demo-agent` with grants that show every outcome: allowed (echo, read_graph,
 * read_text_file), denied (get-env, delete_entities: no grant), needs approval (create_entities,
 * write_file), paths confined to public/ by Warden's argument rule and by the MCP roots the gateway
 * gives the server (../private/salaries.csv is refused, though the server started without roots would serve it), and gzip-file-as-resource fetching only from an egress allow-list.
 */
export async function seedGatewayDemo(teams: Map<string, string>, users: Map<string, string>) {
  const seeder = systemActor("seed");
  const platform = teams.get("platform");
  const everything = await seedReferenceServer("everything", { ownerTeamId: platform });
  const memory = await seedReferenceServer("memory", { ownerTeamId: platform });
  // The demo catalog's `filesystem` server is the real server-filesystem, rooted at DEMO_FILES_DIR.
  const filesystem = await db().mcpServer.findUniqueOrThrow({ where: { slug: "filesystem" } });
  const create = await db().tool.findFirstOrThrow({ where: { serverId: memory.id, name: "create_entities" } });
  await updateTool(seeder, create.id, { requiresApproval: true });
  const write = await db().tool.findFirstOrThrow({ where: { serverId: filesystem.id, name: "write_file" } });
  await updateTool(seeder, write.id, { requiresApproval: true });
  const agent = await seedAgent({
    name: "Demo agent",
    clientId: DEMO_GATEWAY_AGENT,
    ownerId: users.get("owner@warden.local"),
    teamId: platform,
    purpose: "Connects through the Warden gateway demo (npm run gateway:demo)",
    // The README's header-based demo names the user in x-warden-on-behalf-of: trusted to assert users.
    assertsUsers: true,
  });
  const grant = (
    serverId: string,
    allowedTools: string[],
    allowedOperations: ("read" | "write" | "delete")[],
    limits: {
      argumentRules?: TArgumentRuleInput[];
      deniedFields?: string[];
      allowedResources?: string[];
      allowedPrompts?: string[];
    } = {},
  ) => createGrant(seeder, { agentId: agent.id, serverId, allowedTools, allowedOperations, ...limits });
  await grant(
    everything.id,
    ["echo", "get-sum", "get-tiny-image", "get-structured-content", "gzip-file-as-resource"],
    ["read", "write"],
    {
      argumentRules: [
        { kind: "url", arguments: ["data"], hosts: ["raw.githubusercontent.com"], schemes: ["https", "data"] },
      ],
      // get-structured-content's humidity is masked out of its results (and out of its output schema).
      deniedFields: ["humidity"],
      // The server's documents, its text template and the files gzip-file-as-resource makes, and two prompts:
      // the rest is not the demo agent's.
      allowedResources: [
        "demo://resource/static/document/*",
        "demo://resource/dynamic/text/*",
        "demo://resource/session/*",
      ],
      allowedPrompts: ["simple-prompt", "completable-prompt"],
    },
  );
  await grant(memory.id, ["read_graph", "search_nodes", "open_nodes", "create_entities"], ["read", "write"]);
  await grant(
    filesystem.id,
    ["read_text_file", "list_directory", "list_allowed_directories", "directory_tree", "write_file"],
    // write_file overwrites (destructiveHint), so it is a delete: granted, and held for an approver.
    ["read", "write", "delete"],
    { argumentRules: [{ kind: "path", arguments: ["path", "paths", "source", "destination"], ...demoFileRoots() }] },
  );
  return agent;
}

/**
 * The part of the demo filesystem server's folder demo-agent may touch: public/. The gateway gives the
 * server this root (MCP roots), and the server then resolves a relative path against it, so the rule's
 * base is the root too: `readme.txt` is public/readme.txt for both.
 */
export function demoFileRoots(dir = DEMO_FILES_DIR) {
  const root = path.join(path.resolve(dir), "public");
  return { base: root, roots: [root] };
}
