"use client";

import { apiFetch } from "@/lib/queries/api-client";
import type { TOrgPauseInput } from "@/lib/schemas/org";
import { useApiMutation } from "./use-api-mutation";

export const orgKeys = { pause: ["org", "pause"] as const };

export const useSetOrgPause = () =>
  useApiMutation(
    (input: TOrgPauseInput) => apiFetch("/api/console/org/pause", { body: input }),
    () => [orgKeys.pause],
  );
