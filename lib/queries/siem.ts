"use client";

import type { TCreateSiemTargetInput } from "@/lib/schemas/siem";
import type { SiemTargetView } from "@/lib/services/siem/siem-target-view";
import { collectionHooks } from "./collection-hooks";

export const {
  keys: siemKeys,
  useList: useSiemTargets,
  useCreate: useCreateSiemTarget,
  useDelete: useDeleteSiemTarget,
} = collectionHooks<SiemTargetView, TCreateSiemTargetInput>("siem-targets", "/api/console/siem", 5000);
