"use client";

import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/queries/api-client";

/**
 * The error view of every console segment (error.tsx). Warden's own errors (ApiError from the console API)
 * carry a message written for people, shown as is; anything else shows only Next's digest, never internals.
 */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const message =
    error instanceof ApiError
      ? error.message
      : `Something went wrong on our side.${error.digest ? ` Reference: ${error.digest}.` : ""}`;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-8">
      <p className="font-medium text-red-900">This page could not be shown</p>
      <p className="mt-1 text-sm text-red-800">{message}</p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
