import type { PrismaClient } from "@/lib/generated/prisma/client";

/** What a policy bundle's ETag is made of: one indexed row read. */
export type BundleOrgState = { registryVersion: number; paused: boolean; pauseReason: string | null };

export const bundleEtagOf = (s: BundleOrgState) => `"r${s.registryVersion}-p${s.paused ? 1 : 0}"`;

export async function bundleOrgState(client: PrismaClient): Promise<BundleOrgState> {
  const [row] = await client.$queryRaw<BundleOrgState[]>`
    SELECT "registryVersion", paused, "pauseReason" FROM "OrgSettings" WHERE id = 1`;
  return row ?? { registryVersion: 0, paused: false, pauseReason: null };
}

/** The ETag of the bundle a gateway would be served now. */
export const currentBundleEtag = async (client: PrismaClient) => bundleEtagOf(await bundleOrgState(client));
