import { z } from "zod";

export const OPERATIONS = ["read", "query", "write", "delete", "admin"] as const;

const names = z.array(z.string().trim().min(1).max(128)).max(500);

export const ZCreateGrantInput = z
  .object({
    agentId: z.uuid("Choose an agent"),
    serverId: z.uuid("Choose a server"),
    allowedTools: names.min(1, 'Allow at least one tool ("*" for all, which is flagged)'),
    allowedOperations: z.array(z.enum(OPERATIONS)).min(1, "Allow at least one operation"),
    allowedObjects: names.default([]),
    deniedFields: names.default([]),
    maxRecords: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce.number().int().min(1).max(1_000_000).optional(),
    ),
    validFrom: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
    expiresAt: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  })
  .refine((g) => !g.expiresAt || g.expiresAt > (g.validFrom ?? new Date()), {
    path: ["expiresAt"],
    message: "Expiry must be in the future and after the start",
  });
export type TCreateGrantInput = z.input<typeof ZCreateGrantInput>;

export const ZReasonInput = z.object({ reason: z.string().trim().min(3, "Give a reason").max(1000) });
export type TReasonInput = z.infer<typeof ZReasonInput>;

export const isWildcard = (tools: string[]) => tools.some((t) => t.includes("*"));
