import type { Prisma } from "@/lib/generated/prisma/client";

export const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  createdBy: { select: { email: true } },
} satisfies Prisma.ApiTokenSelect;

export type TokenView = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;
