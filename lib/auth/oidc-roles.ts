import { Role } from "@/lib/generated/prisma/enums";

const ROLES = new Set<string>(Object.values(Role));

/**
 * Parses OIDC_ROLE_MAP ("warden-admins=ADMIN,sec-approvers=APPROVER") and maps a user's group
 * claim to Warden roles. Unknown groups grant nothing; a user with no mapped group gets VIEWER.
 */
export function rolesFromGroups(groups: unknown, roleMap: string): Role[] {
  const map = new Map<string, Role>();
  for (const pair of roleMap
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [group, role] = pair.split("=").map((s) => s.trim());
    if (!group || !ROLES.has(role)) throw new Error(`OIDC_ROLE_MAP: bad entry "${pair}"`);
    map.set(group, role as Role);
  }
  const list = Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : [];
  const roles = new Set<Role>();
  for (const g of list) {
    const role = map.get(String(g));
    if (role) roles.add(role);
  }
  return roles.size > 0 ? [...roles] : ["VIEWER"];
}
