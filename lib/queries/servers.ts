import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateCredentialInput } from "@/lib/schemas/credential";
import type {
  TChangeServerStatusInput,
  TCreateServerInput,
  TServerListQuery,
  TUpdateServerInput,
} from "@/lib/schemas/server";
import type { ServerDetail } from "@/lib/services/servers/get-server";
import type { ServerActivity } from "@/lib/services/servers/get-server-activity";
import type { ServerRow } from "@/lib/services/servers/list-servers";
import type { ManifestImportResult } from "@/lib/services/tools/import-manifest";
import type { PolicyChange } from "@/lib/policy/server-policy";
import type { SecondOpinion } from "@/lib/registry/poisoning/second-opinion";
import { useApiMutation } from "./use-api-mutation";

export const serverKeys = {
  all: ["servers"] as const,
  list: (q: TServerListQuery) => [...serverKeys.all, "list", q] as const,
  lists: () => [...serverKeys.all, "list"] as const,
  detail: (slug: string) => [...serverKeys.all, "detail", slug] as const,
  policy: (slug: string) => [...serverKeys.all, "policy", slug] as const,
  activity: (slug: string) => [...serverKeys.all, "activity", slug] as const,
};

const qs = (q: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(q).filter(([, v]) => v !== undefined && v !== "") as [string, string][],
  ).toString();

export const useServers = (q: TServerListQuery) =>
  useQuery({ queryKey: serverKeys.list(q), queryFn: () => apiFetch<ServerRow[]>(`/api/console/servers?${qs(q)}`) });

export const useServer = (slug: string) =>
  useQuery({
    queryKey: serverKeys.detail(slug),
    queryFn: () => apiFetch<ServerDetail>(`/api/console/servers/${slug}`),
  });

export const useServerActivity = (slug: string) =>
  useQuery({
    queryKey: serverKeys.activity(slug),
    queryFn: () => apiFetch<ServerActivity>(`/api/console/servers/${slug}/activity`),
  });

export const usePolicy = (slug: string) =>
  useQuery({
    queryKey: serverKeys.policy(slug),
    queryFn: () => apiFetch<{ yaml: string; policyVersion: string }>(`/api/console/servers/${slug}/policy`),
  });

/** Anything that changes one server refreshes its detail, its policy and the lists. */
const touched = (slug: string) => [
  serverKeys.detail(slug),
  serverKeys.policy(slug),
  serverKeys.activity(slug),
  serverKeys.lists(),
];

export const useCreateServer = () =>
  useApiMutation(
    (input: TCreateServerInput) => apiFetch<{ slug: string }>("/api/console/servers", { body: input }),
    () => [serverKeys.lists()],
  );

export const useUpdateServer = (slug: string) =>
  useApiMutation(
    (input: TUpdateServerInput) => apiFetch(`/api/console/servers/${slug}`, { method: "PATCH", body: input }),
    () => touched(slug),
  );

export const useChangeServerStatus = (slug: string) =>
  useApiMutation(
    (input: TChangeServerStatusInput) => apiFetch(`/api/console/servers/${slug}/status`, { body: input }),
    () => touched(slug),
  );

export const useAddCredential = (slug: string) =>
  useApiMutation(
    (input: TCreateCredentialInput) => apiFetch(`/api/console/servers/${slug}/credentials`, { body: input }),
    () => touched(slug),
  );

export const useRemoveCredential = (slug: string) =>
  useApiMutation(
    (id: string) => apiFetch(`/api/console/servers/${slug}/credentials/${id}`, { method: "DELETE" }),
    () => touched(slug),
  );

export const useImportManifest = (slug: string) =>
  useApiMutation(
    (manifest: unknown) => apiFetch<ManifestImportResult>(`/api/console/servers/${slug}/manifest`, { body: manifest }),
    () => touched(slug),
  );

export const useImportPolicy = (slug: string) =>
  useApiMutation(
    (input: { yaml: string; apply: boolean }) =>
      apiFetch<{ applied: boolean; changes: PolicyChange[]; policyVersion: string }>(
        `/api/console/servers/${slug}/policy`,
        { body: input },
      ),
    (input) => (input.apply ? touched(slug) : []),
  );

export const useToolAction = (slug: string) =>
  useApiMutation(
    ({ id, action, body }: { id: string; action: "update" | "review" | "suspension"; body: unknown }) =>
      apiFetch(action === "update" ? `/api/console/tools/${id}` : `/api/console/tools/${id}/${action}`, {
        method: action === "update" ? "PATCH" : "POST",
        body,
      }),
    () => touched(slug),
  );

/** Approves several low-risk tools' first reviews with one justification (recorded per tool). */
export const useBulkToolReview = (slug: string) =>
  useApiMutation(
    (body: { tools: { id: string; definitionHash: string }[]; justification: string }) =>
      apiFetch<{ approved: { id: string; name: string }[] }>("/api/console/tools/bulk-review", {
        method: "POST",
        body,
      }),
    () => touched(slug),
  );

/** The advisory model-based opinion on a tool definition; it changes nothing, so it invalidates nothing. */
export const useSecondOpinion = () =>
  useApiMutation(
    (toolId: string) => apiFetch<SecondOpinion>(`/api/console/tools/${toolId}/second-opinion`, { method: "POST" }),
    () => [],
  );
