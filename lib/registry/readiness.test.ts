import { describe, expect, it } from "vitest";
import { computeReadiness, isReady, type ReadinessInput } from "./readiness";

const now = new Date("2026-06-01T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

const ready = (): ReadinessInput => ({
  server: {
    environment: "PROD",
    ownerTeamId: "t",
    primaryOwnerId: "u",
    logAllCalls: true,
    auditRetentionDays: 365,
    rateLimitPerMinute: 60,
    dataClassification: "CONFIDENTIAL",
  },
  credentials: [
    {
      provider: "HASHICORP_VAULT",
      reference: "secret/a",
      rotationDays: 30,
      lastRotatedAt: daysAgo(10),
      createdAt: daysAgo(100),
      dynamicSecret: false,
    },
  ],
  tools: [
    { name: "read", status: "APPROVED", risk: "LOW", riskOverride: null, requiresApproval: false },
    { name: "delete", status: "APPROVED", risk: "HIGH", riskOverride: null, requiresApproval: true },
  ],
  grants: [{ allowedTools: ["read"], expiresAt: null, lastReviewedAt: daysAgo(30), status: "ACTIVE" }],
  sharedReferences: [],
});

const failing = (input: ReadinessInput) =>
  computeReadiness(input, now)
    .filter((i) => !i.pass)
    .map((i) => i.id);

describe("readiness checklist", () => {
  it("passes a well-governed PROD server", () => {
    expect(isReady(computeReadiness(ready(), now))).toBe(true);
  });

  it.each<[string, (r: ReadinessInput) => void]>([
    [
      "owner",
      (r) => {
        r.server.primaryOwnerId = null;
      },
    ],
    [
      "credentials-vaulted",
      (r) => {
        r.credentials[0].provider = "ENV_VAR";
      },
    ],
    [
      "credentials-vaulted",
      (r) => {
        r.credentials[0].rotationDays = 120;
      },
    ],
    [
      "credentials-vaulted",
      (r) => {
        r.credentials[0].lastRotatedAt = daysAgo(31);
      },
    ],
    [
      "credentials-vaulted",
      (r) => {
        // No pass without evidence: no credential reference at all is not "every credential is vaulted".
        r.credentials = [];
      },
    ],
    [
      "no-shared-credentials",
      (r) => {
        r.sharedReferences = ["secret/a"];
      },
    ],
    [
      "tools-reviewed",
      (r) => {
        r.tools = [];
      },
    ],
    [
      "tools-reviewed",
      (r) => {
        r.tools[0].status = "PENDING_REVIEW";
      },
    ],
    [
      "high-risk-approval",
      (r) => {
        r.tools[1].requiresApproval = false;
      },
    ],
    [
      "high-risk-approval",
      (r) => {
        r.tools[0].riskOverride = "CRITICAL";
      },
    ],
    [
      "no-wildcard-prod",
      (r) => {
        r.grants[0].allowedTools = ["*"];
      },
    ],
    [
      "grant-expiry",
      (r) => {
        r.grants[0].lastReviewedAt = daysAgo(120);
      },
    ],
    [
      "audit-logging",
      (r) => {
        r.server.auditRetentionDays = 90;
      },
    ],
    [
      "rate-limit",
      (r) => {
        r.server.rateLimitPerMinute = null;
      },
    ],
    [
      "data-classification",
      (r) => {
        r.server.dataClassification = null;
      },
    ],
  ])("fails %s when it is not met", (id, breakIt) => {
    const input = ready();
    breakIt(input);
    expect(failing(input)).toEqual([id]);
  });

  it("allows wildcards and short retention outside PROD, and ignores revoked grants", () => {
    const input = ready();
    input.server.environment = "DEV";
    input.server.auditRetentionDays = 30;
    input.grants.push({ allowedTools: ["*"], expiresAt: null, lastReviewedAt: null, status: "REVOKED" });
    input.grants[0].allowedTools = ["*"];
    expect(failing(input)).toEqual([]);
  });
});
