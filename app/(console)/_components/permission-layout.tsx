import type { ReactNode } from "react";
import { requirePermission } from "@/lib/web-session/require-permission";
import type { Action } from "@/lib/authz/permissions";

/**
 * A segment layout that checks the segment's permission above loading.tsx's Suspense boundary: a refusal
 * is then a real 404, not a streamed 200. The page checks again for what it needs.
 */
export function permissionLayout(action: Action) {
  return async function PermissionLayout({ children }: { children: ReactNode }) {
    await requirePermission(action);
    return children;
  };
}
