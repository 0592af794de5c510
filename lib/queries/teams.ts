"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateTeamInput } from "@/lib/schemas/team";

export type TeamRow = {
  id: string;
  slug: string;
  name: string;
  memberCount: number;
  members: { id: string; name: string; email: string }[];
};

export const teamKeys = { all: ["teams"] as const, list: () => [...teamKeys.all, "list"] as const };

export const useTeams = () =>
  useQuery({ queryKey: teamKeys.list(), queryFn: () => apiFetch<TeamRow[]>("/api/console/teams") });

export function useCreateTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateTeamInput) => apiFetch<TeamRow>("/api/console/teams", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.list() }),
  });
}
