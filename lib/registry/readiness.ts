import type { CredentialRef, Grant, McpServer, Tool } from "@/lib/generated/prisma/client";
import { isWildcard } from "@/lib/schemas/grant";
import { VAULT_PROVIDERS } from "@/lib/schemas/credential";
import { rotationDueAt } from "./credential-flags";

export type ReadinessItem = { id: string; label: string; pass: boolean; fix: string };

export type ReadinessInput = {
  server: Pick<
    McpServer,
    | "environment"
    | "ownerTeamId"
    | "primaryOwnerId"
    | "logAllCalls"
    | "auditRetentionDays"
    | "rateLimitPerMinute"
    | "dataClassification"
  >;
  credentials: Pick<
    CredentialRef,
    "provider" | "reference" | "rotationDays" | "lastRotatedAt" | "createdAt" | "dynamicSecret"
  >[];
  tools: Pick<Tool, "name" | "status" | "risk" | "riskOverride" | "requiresApproval">[];
  grants: Pick<Grant, "allowedTools" | "expiresAt" | "lastReviewedAt" | "status">[];
  /** credential references this server shares with other servers */
  sharedReferences: string[];
};

const QUARTER_MS = 92 * 86_400_000;
const MAX_ROTATION_DAYS = 90;
const PROD_RETENTION_DAYS = 365;

const effectiveRisk = (t: ReadinessInput["tools"][number]) => t.riskOverride ?? t.risk;

/** The deployment readiness checklist a security team signs before production, computed live. */
export function computeReadiness(input: ReadinessInput, now = new Date()): ReadinessItem[] {
  const { server, credentials, tools, grants } = input;
  const prod = server.environment === "PROD";
  const active = grants.filter((g) => g.status === "ACTIVE");
  const unvaulted = credentials.filter((c) => !(VAULT_PROVIDERS as readonly string[]).includes(c.provider));
  const slowRotation = credentials.filter((c) => c.rotationDays > MAX_ROTATION_DAYS);
  const overdue = credentials.filter((c) => !c.dynamicSecret && rotationDueAt(c) < now);
  const unreviewed = tools.filter((t) => t.status !== "APPROVED");
  const riskyUnguarded = tools.filter((t) => ["HIGH", "CRITICAL"].includes(effectiveRisk(t)) && !t.requiresApproval);
  const wildcards = active.filter((g) => isWildcard(g.allowedTools));
  const stale = active.filter(
    (g) => !g.expiresAt && !(g.lastReviewedAt && now.getTime() - g.lastReviewedAt.getTime() <= QUARTER_MS),
  );
  const names = (xs: { name: string }[]) => xs.map((x) => x.name).join(", ");

  return [
    {
      id: "owner",
      label: "An owner and a team are set",
      pass: Boolean(server.ownerTeamId && server.primaryOwnerId),
      fix: "Set the owner team and the primary owner on the Overview tab.",
    },
    {
      id: "credentials-vaulted",
      label: `Credentials are in a vault, rotate every ${MAX_ROTATION_DAYS} days or less, none overdue`,
      // No pass without evidence: a server with no credential reference has shown nothing to check.
      pass: credentials.length > 0 && unvaulted.length === 0 && slowRotation.length === 0 && overdue.length === 0,
      fix:
        [
          credentials.length === 0
            ? "Register the server's credential references (vault paths) on the Credentials tab."
            : "",
          unvaulted.length ? `Move ${unvaulted.map((c) => c.reference).join(", ")} into a vault provider.` : "",
          slowRotation.length
            ? `Shorten rotation of ${slowRotation.map((c) => c.reference).join(", ")} to ${MAX_ROTATION_DAYS} days or less.`
            : "",
          overdue.length ? `Rotate ${overdue.map((c) => c.reference).join(", ")} and record the date.` : "",
        ]
          .filter(Boolean)
          .join(" ") || "—",
    },
    {
      id: "no-shared-credentials",
      label: "No credential is shared with another server",
      pass: input.sharedReferences.length === 0,
      fix: `Give this server its own secret instead of ${input.sharedReferences.join(", ") || "—"}.`,
    },
    {
      id: "tools-reviewed",
      label: "A tool manifest is imported and every tool reviewed",
      pass: tools.length > 0 && unreviewed.length === 0,
      fix:
        tools.length === 0
          ? "Import the server's tools/list manifest on the Tools tab."
          : `Review ${names(unreviewed)} on the Tools tab.`,
    },
    {
      id: "high-risk-approval",
      label: "HIGH and CRITICAL tools require approval",
      // With no tools, "tools-reviewed" already fails: one missing manifest is one item to fix, not two.
      pass: riskyUnguarded.length === 0,
      fix: `Turn on "requires approval" for ${names(riskyUnguarded)}.`,
    },
    {
      id: "no-wildcard-prod",
      label: "No wildcard grants in PROD",
      pass: !prod || wildcards.length === 0,
      fix: "Replace wildcard tool grants with explicit tool names on the Access tab.",
    },
    {
      id: "grant-expiry",
      label: "Every grant has an expiry or a review in the last quarter",
      pass: stale.length === 0,
      fix: `Set an expiry on, or review, ${stale.length} grant${stale.length === 1 ? "" : "s"} on the Access tab.`,
    },
    {
      id: "audit-logging",
      label: `Audit logging is on${prod ? `, with retention of at least ${PROD_RETENTION_DAYS} days` : ""}`,
      pass: server.logAllCalls && (!prod || server.auditRetentionDays >= PROD_RETENTION_DAYS),
      fix: `Turn on logging of all calls${prod ? ` and keep at least ${PROD_RETENTION_DAYS} days` : ""} in the policy.`,
    },
    {
      id: "rate-limit",
      label: "A rate limit is set",
      pass: Boolean(server.rateLimitPerMinute),
      fix: "Set a per-agent rate limit per minute on the Overview tab.",
    },
    {
      id: "data-classification",
      label: "A data classification is set",
      pass: Boolean(server.dataClassification),
      fix: "Classify the data this server reaches on the Overview tab.",
    },
  ];
}

export const isReady = (items: ReadinessItem[]) => items.every((i) => i.pass);
