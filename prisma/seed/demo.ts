import type { Role } from "@/lib/generated/prisma/enums";
import { seedDemoRegistry } from "./demo-registry";
import { seedTeam, seedUser } from "./factories";
import { seedGatewayDemo } from "./gateway-demo";

export type DemoUser = { email: string; roles: Role[] };

// Bea is the platform team's second reviewer: the admin owns platform servers and agents, and nobody
// reviews their own (lib/reviews/conflicts.ts), so the team needs someone else who may.
export const DEMO_USERS: (DemoUser & { name: string; teams: string[] })[] = [
  { email: "admin@warden.local", name: "Ada Admin", roles: ["ADMIN"], teams: ["platform"] },
  { email: "approver@warden.local", name: "Arun Approver", roles: ["APPROVER"], teams: ["security"] },
  { email: "approver2@warden.local", name: "Bea Approver", roles: ["APPROVER"], teams: ["security", "platform"] },
  { email: "auditor@warden.local", name: "Aud Itor", roles: ["AUDITOR"], teams: ["compliance"] },
  { email: "owner@warden.local", name: "Omar Owner", roles: ["OWNER"], teams: ["support-eng"] },
  { email: "viewer@warden.local", name: "Vera Viewer", roles: ["VIEWER"], teams: ["support-eng"] },
];

const DEMO_TEAMS = [
  { slug: "security", name: "Security" },
  { slug: "compliance", name: "Compliance" },
  { slug: "support-eng", name: "Support Engineering" },
  { slug: "platform", name: "Platform" },
];

/** The demo organisation: the embedded first start and `npm run seed:demo` both use it. */
export async function seedDemo(password: string): Promise<DemoUser[]> {
  const teams = new Map<string, string>();
  for (const t of DEMO_TEAMS) teams.set(t.slug, (await seedTeam(t)).id);
  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    users.set(
      u.email,
      (
        await seedUser({
          email: u.email,
          name: u.name,
          roles: u.roles,
          password,
          teamIds: u.teams.map((t) => teams.get(t)!),
        })
      ).id,
    );
  }
  await seedDemoRegistry(teams, users);
  await seedGatewayDemo(teams, users);
  return DEMO_USERS.map(({ email, roles }) => ({ email, roles }));
}
