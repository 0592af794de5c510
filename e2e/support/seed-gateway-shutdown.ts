import { systemActor } from "@/lib/authz/actor";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { runScript } from "@/scripts/lib/script-db";

// Run with tsx before the server starts (a PGlite folder has one owner at a time): server-everything
// registered, an agent granted `echo`, a gateway token, and the agent's credential, printed as JSON.
await runScript(async () => {
  const sys = systemActor("e2e:gateway-shutdown");
  const team = await seedTeam();
  const server = await seedReferenceServer("everything", { slug: "everything", ownerTeamId: team.id });
  const agent = await seedAgent({ teamId: team.id });
  await createGrant(sys, {
    agentId: agent.id,
    serverId: server.id,
    allowedTools: ["echo"],
    allowedOperations: ["read"],
  });
  const token = await createToken(sys, { name: "gw", scopes: ["bundle", "ingest", "manifest"], expiresInDays: 1 });
  const credential = await issueAgentCredential(sys, agent.id);
  console.log(JSON.stringify({ slug: server.slug, token: token.token, credential: credential.secret }));
});
