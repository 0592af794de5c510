import type { Role } from "@/lib/generated/prisma/enums";
import { seedUser } from "@/prisma/seed/factories";

export const E2E_ROLES: Role[] = ["ADMIN", "APPROVER", "AUDITOR", "OWNER", "VIEWER"];

export const e2eEmail = (role: Role) => `e2e-${role.toLowerCase()}@test.local`;

/** One user per role, created before the server starts; specs create anything else they need. */
export async function seedE2eUsers(password: string) {
  for (const role of E2E_ROLES) await seedUser({ email: e2eEmail(role), name: `E2E ${role}`, roles: [role], password });
}

/** Warden's public signing key as the e2e server publishes it (written at start): packs verify against it. */
export const E2E_PUBLISHED_KEY = ".data/e2e-published-key.pem";
