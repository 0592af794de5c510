import { z } from "zod";
import { DataClassification, Environment, Hosting, ServerStatus, Transport } from "@/lib/generated/prisma/enums";
import { ZSlug } from "./team";

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number().int("Whole numbers only").min(min).max(max).optional(),
  );
const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(max).optional());
const tagList = z.array(z.string().trim().min(1).max(40)).max(20).default([]);

const ZServerFields = z.object({
  slug: ZSlug,
  name: z.string().trim().min(1, "Enter a name").max(120),
  description: z.string().trim().max(2000).default(""),
  ownerTeamId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose a team").optional()),
  primaryOwnerId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose an owner").optional()),
  environment: z.enum(Environment, "Choose an environment"),
  transport: z.enum(Transport, "Choose a transport"),
  endpoint: z.string().trim().min(1, "Enter the endpoint URL or command").max(500),
  hosting: z.enum(Hosting).default("SELF_HOSTED"),
  vendor: optionalText(120),
  version: optionalText(40),
  dataClassification: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DataClassification).optional()),
  tags: tagList,
  sessionTimeoutMinutes: optionalInt(1, 24 * 60),
  requiresActiveSession: z.boolean().default(false),
  highRiskApproval: z.boolean().default(true),
  rateLimitPerMinute: optionalInt(1, 100_000),
  maxRecordsPerCall: optionalInt(1, 1_000_000),
  auditRetentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650).default(365),
  siemForward: optionalText(300),
  approvalsRequired: optionalInt(1, 5),
  approvalCommentRequired: z.boolean().default(false),
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

export const ZCreateServerInput = ZServerFields.superRefine(refineEndpoint);
export type TCreateServerInput = z.input<typeof ZCreateServerInput>;

export const ZUpdateServerInput = ZServerFields.omit({ slug: true }).partial().superRefine(refineEndpoint);
export type TUpdateServerInput = z.input<typeof ZUpdateServerInput>;

export const ZServerListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  environment: z.enum(Environment).optional(),
  status: z.enum(ServerStatus).optional(),
  risk: z.enum(["LOW", "MEDIUM", "HIGH", "CRITICAL"]).optional(),
  ownerTeamId: z.uuid().optional(),
  sort: z.enum(["name", "updatedAt", "environment", "status"]).default("name"),
});
export type TServerListQuery = z.input<typeof ZServerListQuery>;

export const ZChangeServerStatusInput = z.object({
  status: z.enum(ServerStatus),
  reason: z.string().trim().max(1000).optional(),
  /** An ADMIN's written justification for activating a PROD server that fails readiness. */
  overrideJustification: z
    .string()
    .trim()
    .min(20, "Write at least 20 characters of justification")
    .max(2000)
    .optional(),
});
export type TChangeServerStatusInput = z.infer<typeof ZChangeServerStatusInput>;
