import type { Prisma } from "@/lib/generated/prisma/client";

/** What the console and the audit log may see of a user: never the password hash. */
export const userSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  disabled: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  rolesManagedBy: true,
  ssoIdentities: {
    select: { id: true, issuer: true, subject: true, email: true, linkedBy: true, lastLoginAt: true },
    orderBy: { createdAt: "asc" },
  },
  memberships: { select: { team: { select: { id: true, slug: true, name: true } } } },
} satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export type UserView = Omit<Row, "memberships"> & { teams: { id: string; slug: string; name: string }[] };

export function toUserView({ memberships, ...user }: Row): UserView {
  return { ...user, teams: memberships.map((m) => m.team) };
}

/** The audited shape of a user: what changes matter to an auditor. */
export function auditShape(u: UserView) {
  return {
    email: u.email,
    name: u.name,
    roles: [...u.roles].sort(),
    disabled: u.disabled,
    teams: u.teams.map((t) => t.slug).sort(),
  };
}
