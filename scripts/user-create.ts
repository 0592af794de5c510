import { systemActor } from "@/lib/authz/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUser } from "@/lib/services/users/create-user";
import { args } from "./lib/args";
import { readSecret } from "./lib/read-secret";
import { runScript } from "./lib/script-db";

// npm run user:create -- --email a@corp.example --role ADMIN [--role APPROVER] [--name "Ada"]
// The password comes from a prompt, or from stdin when piped; never from the command line.
const opts = args({ email: { type: "string" }, name: { type: "string" }, role: { type: "string", multiple: true } });

await runScript(async () => {
  if (!opts.email)
    throw new Error("Usage: npm run user:create -- --email EMAIL --role ROLE [--role ROLE] [--name NAME]");
  const password = await readSecret("Password (12+ characters): ");
  const user = await createUser(systemActor("cli:user-create"), {
    email: opts.email,
    name: opts.name ?? opts.email.split("@")[0],
    password,
    roles: (opts.role ?? ["ADMIN"]).map((r) => r.toUpperCase() as Role),
  });
  console.log(`Created ${user.email} with roles ${user.roles.join(", ")}`);
});
