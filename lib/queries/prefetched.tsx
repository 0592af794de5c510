import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

export type Prefetch = { queryKey: QueryKey; load: () => Promise<unknown> };

/** What the console API would have answered: the client cache holds JSON, with dates as strings. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Renders its children with these queries already in the react-query cache, so the first paint has the
 * data and the client hook (same key) takes over from there. A new QueryClient per request: nothing is
 * shared between users. A query whose load fails is left for the client to fetch, and to show its error.
 */
export async function Prefetched({ queries, children }: { queries: Prefetch[]; children: ReactNode }) {
  const client = new QueryClient();
  await Promise.all(
    queries.map(({ queryKey, load }) => client.prefetchQuery({ queryKey, queryFn: async () => asJson(await load()) })),
  );
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
