import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { csvRows } from "@/lib/evidence/csv";
import { summaryPdf } from "@/lib/evidence/pdf-summary";
import { zipPack } from "@/lib/evidence/zip-pack";
import { credentialFlags, rotationDueAt } from "@/lib/registry/credential-flags";
import { computeReadiness, isReady } from "@/lib/registry/readiness";
import { recordExport } from "./internal/record-export";
import { packMeta, packSigner } from "./internal/pack-meta";

const SERVER_COLUMNS = [
  "slug",
  "name",
  "environment",
  "dataClassification",
  "status",
  "ownerTeam",
  "primaryOwner",
  "ready",
  "failingChecks",
  "transport",
  "hosting",
  "vendor",
  "version",
  "siemForward",
  "updatedAt",
] as const;
const CREDENTIAL_COLUMNS = [
  "server",
  "provider",
  "reference",
  "kind",
  "environment",
  "rotationDays",
  "lastRotatedAt",
  "rotationDueAt",
  "rotationState",
  "dynamicSecret",
  "expiresAt",
] as const;
const TOOL_COLUMNS = [
  "server",
  "tool",
  "risk",
  "riskOverrideReason",
  "reviewState",
  "definitionChanged",
  "enabled",
  "requiresApproval",
] as const;
const GRANT_COLUMNS = [
  "agent",
  "agentName",
  "agentStatus",
  "agentOwner",
  "server",
  "grantStatus",
  "source",
  "allowedTools",
  "validFrom",
  "expiresAt",
  "lastReviewedAt",
  "grantedBy",
] as const;

/**
 * The live MCP server inventory with ownership and status (what PAM guidance asks for): servers,
 * credential references and their rotation, tools and their review, agents and their grants.
 */
export async function buildInventoryPack(actor: Actor) {
  assertCan(actor, "reports.read");
  const signer = packSigner();
  await recordExport(actor, "inventory", {});
  const now = new Date();
  const servers = await db().mcpServer.findMany({
    orderBy: { slug: "asc" },
    include: {
      ownerTeam: { select: { name: true } },
      primaryOwner: { select: { email: true } },
      credentials: { orderBy: { createdAt: "asc" } },
      tools: { orderBy: { name: "asc" } },
      grants: {
        orderBy: { createdAt: "asc" },
        include: {
          agent: { include: { owner: { select: { email: true } } } },
          grantedBy: { select: { email: true } },
        },
      },
    },
  });
  const usedBy = new Map<string, Set<string>>();
  for (const s of servers)
    for (const c of s.credentials) usedBy.set(c.reference, (usedBy.get(c.reference) ?? new Set()).add(s.slug));
  const shared = (slug: string, ref: string) => [...(usedBy.get(ref) ?? [])].filter((x) => x !== slug);
  const readiness = new Map(
    servers.map((s) => [
      s.slug,
      computeReadiness(
        {
          server: s,
          credentials: s.credentials,
          tools: s.tools,
          grants: s.grants,
          sharedReferences: s.credentials.map((c) => c.reference).filter((r) => shared(s.slug, r).length > 0),
        },
        now,
      ),
    ]),
  );
  const serverRows = servers.map((s) => {
    const items = readiness.get(s.slug) ?? [];
    return [
      s.slug,
      s.name,
      s.environment,
      s.dataClassification,
      s.status,
      s.ownerTeam?.name,
      s.primaryOwner?.email,
      isReady(items),
      items
        .filter((i) => !i.pass)
        .map((i) => i.label)
        .join("; "),
      s.transport,
      s.hosting,
      s.vendor,
      s.version,
      s.siemForward,
      s.updatedAt,
    ];
  });
  const credentialRows = servers.flatMap((s) =>
    s.credentials.map((c) => {
      const flags = credentialFlags(c, s.environment, shared(s.slug, c.reference), now).map((f) => f.code);
      const state = flags.includes("ROTATION_OVERDUE") ? "overdue" : flags.includes("ROTATION_DUE") ? "due soon" : "ok";
      return [
        s.slug,
        c.provider,
        c.reference,
        c.kind,
        c.environment,
        c.rotationDays,
        c.lastRotatedAt,
        rotationDueAt(c),
        state,
        c.dynamicSecret,
        c.expiresAt,
      ];
    }),
  );
  const toolRows = servers.flatMap((s) =>
    s.tools.map((t) => [
      s.slug,
      t.name,
      t.riskOverride ?? t.risk,
      t.riskOverrideReason,
      t.status,
      t.approvedHash !== null && t.approvedHash !== t.definitionHash,
      t.enabled,
      t.requiresApproval,
    ]),
  );
  const grantRows = servers.flatMap((s) =>
    s.grants.map((g) => [
      g.agent.clientId,
      g.agent.name,
      g.agent.status,
      g.agent.owner?.email,
      s.slug,
      g.status,
      g.source,
      g.allowedTools.join(" "),
      g.validFrom,
      g.expiresAt,
      g.lastReviewedAt,
      g.grantedBy?.email,
    ]),
  );
  const meta = await packMeta(actor, "inventory", {});
  const count = <T>(xs: T[], f: (x: T) => string) =>
    [...xs.reduce((m, x) => m.set(f(x), (m.get(f(x)) ?? 0) + 1), new Map<string, number>())].map(([name, value]) => ({
      name,
      value,
    }));
  const pdf = await summaryPdf(
    {
      title: "MCP server inventory",
      subtitle: `As of ${meta.generatedAt} (UTC)`,
      facts: [
        ["Servers", servers.length],
        ["Ready for production", servers.filter((s) => isReady(readiness.get(s.slug) ?? [])).length],
        ["Credential references", credentialRows.length],
        ["Tools", toolRows.length],
        ["Grants", grantRows.length],
      ],
      charts: [
        {
          title: "Tools per server by risk",
          series: servers.map((s) => ({ label: s.slug, segments: count(s.tools, (t) => t.riskOverride ?? t.risk) })),
        },
        {
          title: "Servers by environment and status",
          series: ["PROD", "STAGING", "DEV"].map((env) => ({
            label: env,
            segments: count(
              servers.filter((s) => s.environment === env),
              (s) => s.status,
            ),
          })),
        },
      ],
    },
    now,
  );
  return zipPack(
    [
      { name: "servers.csv", content: csvRows(serverRows, SERVER_COLUMNS) },
      { name: "credentials.csv", content: csvRows(credentialRows, CREDENTIAL_COLUMNS) },
      { name: "tools.csv", content: csvRows(toolRows, TOOL_COLUMNS) },
      { name: "grants.csv", content: csvRows(grantRows, GRANT_COLUMNS) },
      { name: "summary.pdf", content: pdf },
    ],
    meta,
    signer,
  );
}
