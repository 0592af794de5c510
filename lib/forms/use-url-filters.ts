"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** List filters kept in the URL: a filtered view can be bookmarked and shared, and survives a reload. */
export function useUrlFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${path}?${next}`);
  };
  return { params, set };
}
