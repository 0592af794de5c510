import { z } from "zod";
import {
  DataClassification,
  Environment,
  Hosting,
  RiskLevel,
  ServerStatus,
  Transport,
} from "@/lib/generated/prisma/enums";
import { withoutSecrets } from "./credential";
import { ZSlug } from "./team";
import { int, text } from "./safe-input";

const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), int(min, max).optional());
const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), text().trim().max(max).optional());
const tagList = z.array(text().trim().min(1).max(40)).max(20);

const ZServerFields = z.object({
  slug: ZSlug,
  name: text().trim().min(1, "Enter a name").max(120),
  description: text().trim().max(2000),
  ownerTeamId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose a team").optional()),
  primaryOwnerId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose an owner").optional()),
  environment: z.enum(Environment, "Choose an environment"),
  transport: z.enum(Transport, "Choose a transport"),
  endpoint: withoutSecrets(text().trim().min(1, "Enter the endpoint URL or command").max(500)),
  hosting: z.enum(Hosting),
  vendor: optionalText(120),
  version: optionalText(40),
  dataClassification: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DataClassification).optional()),
  tags: tagList,
  sessionTimeoutMinutes: optionalInt(1, 24 * 60),
  requiresActiveSession: z.boolean(),
  highRiskApproval: z.boolean(),
  rateLimitPerMinute: optionalInt(1, 100_000),
  maxRecordsPerCall: optionalInt(1, 1_000_000),
  auditRetentionDays: int(1, 3650),
  siemForward: z.preprocess((v) => (v === "" ? undefined : v), withoutSecrets(text(300).trim()).optional()),
  approvalsRequired: optionalInt(1, 5),
  approvalCommentRequired: z.boolean(),
  approvalTtlMinutes: optionalInt(5, 24 * 60),
});

const refineEndpoint = <T extends { transport?: string; endpoint?: string; hosting?: string; vendor?: string }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (v.transport && v.transport !== "STDIO" && v.endpoint && !/^https?:\/\/\S+$/.test(v.endpoint)) {
    ctx.addIssue({ code: "custom", path: ["endpoint"], message: "HTTP transports need an http(s):// URL" });
  }
  if (v.hosting === "VENDOR_HOSTED" && !v.vendor) {
    ctx.addIssue({ code: "custom", path: ["vendor"], message: "Name the vendor of a vendor-hosted server" });
  }
};

// Defaults belong to creation only: a PATCH that omits a field must leave it as it is.
const f = ZServerFields.shape;
export const ZCreateServerInput = ZServerFields.extend({
  description: f.description.default(""),
  hosting: f.hosting.default("SELF_HOSTED"),
  tags: f.tags.default([]),
  requiresActiveSession: f.requiresActiveSession.default(false),
  highRiskApproval: f.highRiskApproval.default(true),
  auditRetentionDays: f.auditRetentionDays.default(365),
  approvalCommentRequired: f.approvalCommentRequired.default(false),
}).superRefine(refineEndpoint);
export type TCreateServerInput = z.input<typeof ZCreateServerInput>;

/** A PATCH: only the fields sent change; nothing to change (empty, or only unknown keys) is a 400. */
export const ZUpdateServerInput = ZServerFields.omit({ slug: true })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change: send at least one field")
  .superRefine(refineEndpoint);
export type TUpdateServerInput = z.input<typeof ZUpdateServerInput>;

export const ZServerListQuery = z.object({
  q: text().trim().max(100).optional(),
  environment: z.enum(Environment).optional(),
  status: z.enum(ServerStatus).optional(),
  risk: z.enum(RiskLevel).optional(),
  ownerTeamId: z.uuid().optional(),
  sort: z.enum(["name", "updatedAt", "environment", "status"]).default("name"),
});
export type TServerListQuery = z.input<typeof ZServerListQuery>;

export const ZChangeServerStatusInput = z.object({
  status: z.enum(ServerStatus),
  reason: text().trim().max(1000).optional(),
  /** An ADMIN's written justification for activating a PROD server that fails readiness. */
  overrideJustification: text().trim().min(20, "Write at least 20 characters of justification").max(2000).optional(),
});
export type TChangeServerStatusInput = z.infer<typeof ZChangeServerStatusInput>;
