import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/authz/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { createTeam } from "@/lib/services/teams/create-team";
import { createUser } from "@/lib/services/users/create-user";

// Factories go through the same services as the console, so seeded data is audited like any other.
const seeder = systemActor("seed");

export async function seedTeam(overrides: { slug?: string; name?: string } = {}) {
  const slug = overrides.slug ?? `team-${randomUUID().slice(0, 8)}`;
  return createTeam(seeder, { slug, name: overrides.name ?? slug });
}

export async function seedUser(
  overrides: { email?: string; name?: string; roles?: Role[]; password?: string; teamIds?: string[] } = {},
) {
  const email = overrides.email ?? `user-${randomUUID().slice(0, 8)}@test.local`;
  const password = overrides.password ?? "correct horse battery";
  const user = await createUser(seeder, {
    email,
    name: overrides.name ?? email.split("@")[0],
    password,
    roles: overrides.roles ?? ["VIEWER"],
    teamIds: overrides.teamIds ?? [],
  });
  return { ...user, password };
}
