import type { Prisma } from "@/lib/generated/prisma/client";

/** The Prisma client inside an interactive transaction; services pass it down to recordAudit. */
export type Tx = Prisma.TransactionClient;
