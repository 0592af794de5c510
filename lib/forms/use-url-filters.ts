"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** List filters kept in the URL: a filtered view can be bookmarked and shared, and survives a reload. */
export function useUrlFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  /** Sets several filters at once (an empty value removes one): one navigation, one history entry. */
  const setAll = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    router.replace(`${path}?${next}`);
  };
  const set = (key: string, value: string) => setAll({ [key]: value });
  return { params, set, setAll };
}
