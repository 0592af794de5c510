import { systemActor } from "@/lib/authz/actor";
import type { TokenScope } from "@/lib/generated/prisma/enums";
import { createToken } from "@/lib/services/tokens/create-token";
import { args } from "./lib/args";
import { runScript } from "./lib/script-db";

// npm run token:create -- --name gateway --scopes decide,ingest [--days 90]
// Prints only the token on stdout, so scripts can capture it.
const opts = args({ name: { type: "string" }, scopes: { type: "string" }, days: { type: "string" } });

await runScript(async () => {
  if (!opts.name || !opts.scopes)
    throw new Error("Usage: npm run token:create -- --name NAME --scopes decide,ingest [--days 90]");
  const created = await createToken(systemActor("cli:token-create"), {
    name: opts.name,
    scopes: opts.scopes.split(",").map((s) => s.trim()) as TokenScope[],
    expiresInDays: Number(opts.days ?? 90),
  });
  console.error(
    `Token "${created.name}" (${created.scopes.join(", ")}) expires ${created.expiresAt.toISOString()}. Shown once:`,
  );
  console.log(created.token);
});
