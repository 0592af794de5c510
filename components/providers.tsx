"use client";

import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/queries/api-client";

function QueryProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  // One client per browser session; the one place a failed mutation becomes a toast.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            retry: (n, e) => !(e instanceof ApiError) && n < 2,
            // A query with nothing to show yet hands its error to the segment's error.tsx; one that has data keeps it.
            throwOnError: (_error, query) => query.state.data === undefined,
          },
        },
        mutationCache: new MutationCache({
          onError: (error) => toast.show(error instanceof ApiError ? error.message : "Something went wrong", "error"),
        }),
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ToastProvider>
      <QueryProvider>{children}</QueryProvider>
    </ToastProvider>
  );
}
