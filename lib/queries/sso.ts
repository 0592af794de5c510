"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { userKeys } from "@/lib/queries/users";
import type { SsoLinkOfferView } from "@/lib/services/users/list-sso-link-offers";

export const ssoKeys = {
  all: ["sso"] as const,
  offers: () => [...ssoKeys.all, "offers"] as const,
};

export const useSsoLinkOffers = () =>
  useQuery({
    queryKey: ssoKeys.offers(),
    queryFn: () => apiFetch<SsoLinkOfferView[]>("/api/console/sso-link-offers"),
  });

/** Linking or dismissing changes both the waiting list and (when linked) the user's identities. */
function useSsoMutation(call: (id: string) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ssoKeys.offers() }),
        qc.invalidateQueries({ queryKey: userKeys.list() }),
      ]),
  });
}

export const useLinkSsoIdentity = () =>
  useSsoMutation((offerId) => apiFetch(`/api/console/sso-link-offers/${offerId}/link`, { method: "POST" }));

export const useDismissSsoLinkOffer = () =>
  useSsoMutation((offerId) => apiFetch(`/api/console/sso-link-offers/${offerId}`, { method: "DELETE" }));

export const useUnlinkSsoIdentity = () =>
  useSsoMutation((identityId) => apiFetch(`/api/console/sso-identities/${identityId}`, { method: "DELETE" }));
