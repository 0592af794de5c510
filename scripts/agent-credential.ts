import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { args } from "./lib/args";
import { runScript } from "./lib/script-db";

// npm run agent:credential -- --agent demo-agent [--name laptop]
// Prints only the credential on stdout, so scripts can capture it.
const opts = args({ agent: { type: "string" }, name: { type: "string" } });

await runScript(async () => {
  if (!opts.agent) throw new Error("Usage: npm run agent:credential -- --agent CLIENT_ID [--name NAME]");
  const agent = await db().agent.findUnique({ where: { clientId: opts.agent }, select: { id: true } });
  if (!agent) throw new Error(`No agent with client id ${opts.agent}`);
  const issued = await issueAgentCredential(systemActor("cli:agent-credential"), agent.id, {
    name: opts.name ?? "cli",
  });
  console.error(`Credential "${issued.name}" for ${issued.agent} (${issued.prefix}…). Shown once:`);
  console.log(issued.secret);
});
