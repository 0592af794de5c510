"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import { useApiMutation } from "./use-api-mutation";
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

export const useCreateTeam = () =>
  useApiMutation(
    (input: TCreateTeamInput) => apiFetch<TeamRow>("/api/console/teams", { body: input }),
    () => [teamKeys.list()],
  );
