"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TCreateReportScheduleInput } from "@/lib/schemas/report";
import type { ReportSchedules } from "@/lib/services/reports/list-report-schedules";
import { useApiMutation } from "./use-api-mutation";

export const reportKeys = { schedules: ["report-schedules"] as const };

export const useReportSchedules = () =>
  useQuery({
    queryKey: reportKeys.schedules,
    queryFn: () => apiFetch<ReportSchedules>("/api/console/reports/schedules"),
  });

export const useCreateReportSchedule = () =>
  useApiMutation(
    (input: TCreateReportScheduleInput) => apiFetch("/api/console/reports/schedules", { body: input }),
    () => [reportKeys.schedules],
  );

export const useDeleteReportSchedule = () =>
  useApiMutation(
    (id: string) => apiFetch(`/api/console/reports/schedules/${id}`, { method: "DELETE" }),
    () => [reportKeys.schedules],
  );
