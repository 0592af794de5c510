import type { ErrorBody, FieldErrors } from "@/lib/errors";
import type { Jsonified } from "./jsonified";

/** An error answered by Warden's API, with its field errors for inline display. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/**
 * The browser's one way to call the console API: JSON in, JSON out, errors as ApiError. `T` is what the
 * service returns; the promise holds its JSON form (dates as strings), which is what arrives.
 */
export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<Jsonified<T>> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as ErrorBody | null)?.error;
    throw new ApiError(res.status, error?.message ?? `Request failed (${res.status})`, error?.fields);
  }
  return data as Jsonified<T>;
}

/** A list's filters as a query string: the empty ones are left out, so the API applies its defaults. */
export const queryString = (q: object) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
