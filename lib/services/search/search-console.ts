import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZSearchQuery, type SearchHit, type TSearchQuery } from "@/lib/schemas/search";

/** Per kind: the palette shows a handful of each, best first, not a list to scroll. */
const TAKE = 5;

/**
 * The command palette's search: servers, agents, tools, users and approval requests whose name (or slug,
 * client id, email, tool name) contains the text. Permission-aware: a kind the actor may not read is
 * never queried, so a role only finds what it may open.
 */
export async function searchConsole(actor: Actor, raw: TSearchQuery): Promise<{ hits: SearchHit[] }> {
  assertCan(actor, "dashboard.read");
  const { q } = parseWith(ZSearchQuery, raw, "search");
  const like = { contains: q, mode: "insensitive" as const };
  const p = db();
  const none = Promise.resolve([]);
  const [servers, agents, tools, users, approvals] = await Promise.all([
    can(actor, "servers.read")
      ? p.mcpServer.findMany({
          where: { OR: [{ name: like }, { slug: like }] },
          select: { slug: true, name: true, status: true, environment: true },
          orderBy: { name: "asc" },
          take: TAKE,
        })
      : none,
    can(actor, "agents.read")
      ? p.agent.findMany({
          where: { OR: [{ name: like }, { clientId: like }] },
          select: { id: true, name: true, clientId: true, status: true },
          orderBy: { name: "asc" },
          take: TAKE,
        })
      : none,
    can(actor, "servers.read")
      ? p.tool.findMany({
          where: { OR: [{ name: like }, { title: like }] },
          select: { id: true, name: true, server: { select: { slug: true, name: true } } },
          orderBy: { name: "asc" },
          take: TAKE,
        })
      : none,
    can(actor, "users.read")
      ? p.user.findMany({
          where: { OR: [{ name: like }, { email: like }] },
          select: { id: true, name: true, email: true, roles: true },
          orderBy: { name: "asc" },
          take: TAKE,
        })
      : none,
    can(actor, "approvals.read")
      ? p.approvalRequest.findMany({
          where: {
            OR: [
              { toolName: like },
              { requesterLabel: like },
              { server: { slug: like } },
              { agent: { clientId: like } },
            ],
          },
          select: {
            id: true,
            kind: true,
            status: true,
            toolName: true,
            requesterLabel: true,
            server: { select: { slug: true } },
          },
          orderBy: { createdAt: "desc" },
          take: TAKE,
        })
      : none,
  ]);
  const hits: SearchHit[] = [
    ...servers.map((s) => ({
      kind: "server" as const,
      id: s.slug,
      label: s.name,
      detail: `${s.slug} · ${s.environment} · ${s.status.toLowerCase().replaceAll("_", " ")}`,
      href: `/servers/${s.slug}`,
    })),
    ...agents.map((a) => ({
      kind: "agent" as const,
      id: a.id,
      label: a.name,
      detail: `${a.clientId} · ${a.status.toLowerCase()}`,
      href: `/agents/${a.id}`,
    })),
    ...tools.map((t) => ({
      kind: "tool" as const,
      id: t.id,
      label: t.name,
      detail: `tool on ${t.server.name}`,
      href: `/servers/${t.server.slug}?tab=Tools`,
    })),
    ...users.map((u) => ({
      kind: "user" as const,
      id: u.id,
      label: u.name,
      detail: `${u.email} · ${u.roles.join(", ").toLowerCase()}`,
      href: "/settings/users",
    })),
    ...approvals.map((a) => ({
      kind: "approval" as const,
      id: a.id,
      label: `${a.kind.toLowerCase().replaceAll("_", " ")}${a.toolName ? ` ${a.toolName}` : ""}${a.server ? ` on ${a.server.slug}` : ""}`,
      detail: `${a.status.toLowerCase()} · asked by ${a.requesterLabel}`,
      href: `/approvals?request=${a.id}`,
    })),
  ];
  return { hits };
}
