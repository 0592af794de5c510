import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/require-permission";

/**
 * The segment's permission is checked here, above loading.tsx's Suspense boundary: a refusal is then a
 * real 404, not a streamed 200. The page checks again for what it needs.
 */
export default async function Layout({ children }: { children: ReactNode }) {
  await requirePermission("audit.read");
  return children;
}
